using Astrograd.Bench;
using BenchmarkDotNet.Running;

// `gemm-quick [filter]` times the matrix product without BenchmarkDotNet; anything else goes to it.
if (args.Length > 0 && args[0] == "gemm-quick")
{
    GemmQuick.Run(args);
    return;
}

if (args.Length > 0 && args[0] == "gemm-kernel")
{
    GemmKernelQuick.Run();
    return;
}

if (args.Length > 0 && args[0] == "mlp-wide")
{
    MlpWide.Run(args);
    return;
}

if (args.Length > 0 && args[0] == "mlp-quick")
{
    MlpStep.RunQuick(args.Contains("--json"));
    return;
}

if (args.Length > 0 && args[0] == "optim-quick")
{
    OptimStepQuick.Run();
    return;
}

// `scale-csv PATH [ROWS]` writes the synthetic 5-million-row catalogue; `csv-load PATH` times reading it.
if (args.Length > 0 && args[0] == "scale-csv")
{
    ScaleCatalogue.Write(args);
    return;
}

if (args.Length > 0 && args[0] == "csv-load")
{
    ScaleCatalogue.Load(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GemmShape).Assembly).Run(args);
