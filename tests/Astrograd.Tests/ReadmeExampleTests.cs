using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Astrograd.Tests;

/// <summary>
/// Every <c>```csharp</c> block of README.md, compiled with Roslyn as a program of its own (top-level statements,
/// the SDK's implicit usings) against the library, and run: an example that no longer builds or throws fails here.
/// </summary>
public sealed partial class ReadmeExampleTests
{
    // The SDK's implicit usings of a console project, which a reader's own project has too.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lock _consoleLock = new();

    public static TheoryData<int> Blocks => [.. Enumerable.Range(0, CodeBlocks().Count)];

    [Fact]
    public void The_readme_shows_an_mlp_trained_and_used_for_prediction()
    {
        var blocks = CodeBlocks();

        Assert.Contains(blocks, b => b.Contains("new Mlp<", StringComparison.Ordinal)
            && b.Contains("Trainer.Fit(", StringComparison.Ordinal)
            && b.Contains("Evaluation.Forward(", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void A_readme_csharp_block_compiles_and_runs(int index)
    {
        var code = CodeBlocks()[index];

        var output = CompileAndRun(code);

        if (code.Contains("Trainer.Fit(", StringComparison.Ordinal))
        {
            Assert.Matches(@"^5 epochs, test accuracy 0\.9\d{3}, P\(pulsar\) of the first test row [01]\.\d{3}",
                output);
        }
    }

    private static string CompileAndRun(string code)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("ReadmeExample",
            [CSharpSyntaxTree.ParseText(code, parse), CSharpSyntaxTree.ParseText(ImplicitUsings, parse)],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication,
                nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
        Assert.True(emitted.Success, string.Join('\n', errors));

        var context = new AssemblyLoadContext("readme-example", isCollectible: true);
        try
        {
            image.Position = 0;
            var entry = context.LoadFromStream(image).EntryPoint!;
            using var captured = new StringWriter();
            lock (_consoleLock)
            {
                var original = Console.Out;
                Console.SetOut(captured);
                try
                {
                    entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    Assert.Fail($"the README example threw {e.InnerException}");
                }
                finally
                {
                    Console.SetOut(original);
                }
            }

            return captured.ToString();
        }
        finally
        {
            context.Unload();
        }
    }

    // The framework's assemblies (the runtime's trusted list) and the library itself.
    private static List<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(Tensor<>).Assembly.Location)
            .Distinct();
        return [.. paths.Select(p => MetadataReference.CreateFromFile(p))];
    }

    private static List<string> CodeBlocks()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        return [.. CSharpBlock().Matches(readme).Select(m => m.Groups["code"].Value)];
    }

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
