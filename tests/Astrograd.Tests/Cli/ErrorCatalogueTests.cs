using System.Buffers.Binary;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Astrograd.IO;
using Astrograd.Runs;

namespace Astrograd.Tests.Cli;

/// <summary>
/// The files every catalogued error is provoked with: bad tables, damaged FITS files and damaged copies of one
/// tiny trained model. Each is named in docs/errors.md by the case that uses it.
/// </summary>
public sealed class ErrorCatalogueFixture : IDisposable
{
    private readonly CliWorkspace _work = new();

    public ErrorCatalogueFixture()
    {
        Root = _work.Root;
        var good = _work.Htru2(200, "good.csv");
        Run = _work.Train(good, "run");
        Tables();
        Fits();
        Models();
        Configs();
        ReadOnly = ReadOnlyFolders();
    }

    public string Root { get; }

    public string Run { get; }

    /// <summary>Whether {dir}/ro and {dir}/rostopped could be made read-only on this system.</summary>
    public bool ReadOnly { get; }

    public void Dispose()
    {
        ReadOnlyFolder.Release(_work.PathOf("ro"));
        ReadOnlyFolder.Release(_work.PathOf("rostopped"));
        _work.Dispose();
    }

    // A folder nothing can be created in, and an interrupted run in such a folder.
    private bool ReadOnlyFolders()
    {
        Directory.CreateDirectory(_work.PathOf("ro"));
        Stopped("rostopped", _work.Htru2(200, "rodata.csv"));
        return ReadOnlyFolder.Make(_work.PathOf("ro")) & ReadOnlyFolder.Make(_work.PathOf("rostopped"));
    }

    private void Tables()
    {
        _work.Write("empty.csv", "");
        _work.Write("header.csv", "a,b,c\n");
        _work.Write("ragged.csv", "a,b,c\n1,2,0\n3,4,1\n5,6\n7,8,1\n");
        _work.Write("text.csv", "a,b,c\n1,2,0\n3,abc,1\n5,6,1\n");
        _work.Write("quote.csv", "a,b,c\n1,2,0\n3,\"4,1\n5,6,1\n");
        _work.Write("nan.csv", "a,b,c\n" + string.Concat(Enumerable.Range(0, 40).Select(i =>
            i == 5 ? "nan,0.5,1\n" : FormattableString.Invariant($"{i * 0.1:F2},{i % 5 * 0.2:F2},{i % 2}\n"))));
        _work.Write("one.csv", "a,b,c\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i},{i % 7},1\n")));
        _work.Write("few.csv", "a,b,c\n1,2,0\n3,4,1\n5,6,0\n");
        _work.Write("lacking.csv", "Profile_mean,DM_mean,class\n1,2,0\n3,4,1\n");
        _work.Write("label.csv", "a,colour,c\n" + string.Concat(Enumerable.Range(0, 40)
            .Select(i => $"{i},{(i % 2 == 0 ? "red" : "blue")},{i % 2}\n")));
        // b's one value is in data row 1, which the seed-42 split puts outside the training rows.
        _work.Write("allnan.csv", "a,b,c\n" + string.Concat(Enumerable.Range(0, 40).Select(i =>
            FormattableString.Invariant($"{i * 0.1:F2},{(i == 0 ? "0.5" : "nan")},{i % 2}\n"))));
        _work.Write("sigma.csv", "x,y,z,zerr,zbad\n" + string.Concat(Enumerable.Range(0, 40).Select(i =>
            FormattableString.Invariant($"{i * 0.1:F2},{i % 7},{i * 0.05:F2},0.05,{(i == 2 ? 0 : 0.05)}\n"))));
        _work.Write("taken/keep.txt", "precious");
        _work.Write("afile", "not a directory");
        var lines = File.ReadAllLines(Path.Combine(Root, "good.csv"));
        lines[2] = lines[2][..lines[2].LastIndexOf(',')] + ",7";
        _work.Write("strange.csv", string.Join('\n', lines) + "\n");
        var gapped = File.ReadAllLines(Path.Combine(Root, "good.csv"));
        var cells = gapped[2].Split(',');
        cells[4] = string.Empty;
        gapped[2] = string.Join(',', cells);
        _work.Write("gapped.csv", string.Join('\n', gapped) + "\n");
        var unlabelled = File.ReadAllLines(Path.Combine(Root, "good.csv"));
        for (var i = 1; i < unlabelled.Length; i++)
        {
            unlabelled[i] = unlabelled[i][..(unlabelled[i].LastIndexOf(',') + 1)];
        }

        _work.Write("nolabels.csv", string.Join('\n', unlabelled) + "\n");
        _work.Write("nulcell.csv", "a,b,c\n1,2,0\n3,4\0,1\n5,6,1\n");
        _work.Write("trailing.csv", string.Concat(File.ReadLines(Path.Combine(Root, "good.csv"))
            .Select(l => l + ",\n")));
    }

    private void Configs()
    {
        _work.Write("typo.toml", "epochs = 2\nlrr = 0.1\n");
        _work.Write("badvalue.toml", "lr = \"fast\"\n");
        _work.Write("badrange.toml", "lr = 0.1\nepochs = 0\n");
        _work.Write("date.toml", "seed = 2026-12-04\n");
        _work.Write("table.toml", "[train]\nlr = 0.1\n");
        _work.Write("broken.toml", "lr = = 0.1\n");
    }

    private void Fits()
    {
        var valid = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "Fits", "Fixtures",
            "htru2_40rows.fits"));
        File.WriteAllBytes(_work.PathOf("good.fits"), valid);
        _work.Write("notfits.fits", "ra,dec\n1,2\n");
        File.WriteAllBytes(_work.PathOf("truncated.fits"), valid[..4000]);
        File.WriteAllBytes(_work.PathOf("forged.fits"), WithCard(valid, "NAXIS2", "1000000000000"));
        File.WriteAllBytes(_work.PathOf("badcard.fits"), WithCard(valid, "NAXIS1", "'wide'"));
        File.WriteAllBytes(_work.PathOf("packed.fits.gz"), [0x1F, 0x8B, 8, 0]);
        NamedPipe.Feed(_work.PathOf("pipe.fits"), valid);
    }

    private void Models()
    {
        Copy("badjson").Card("{ not json");
        Copy("hdurun").Edit(card => card["hdu"] = JsonNode.Parse("""{"index":2,"name":"SPECOBJ","given":"SPECOBJ"}"""));
        Copy("badhdu").Edit(card => card["hdu"] = JsonNode.Parse("""{"index":-1}"""));
        Copy("version").Edit(card => card["format_version"] = 7);
        Copy("badstd").Edit(card => card["standardization"]!["std"] = new JsonArray(1.0));
        Copy("nofeatures").Edit(card => card["features"] = null);
        Copy("badpolicy").Edit(card => card["preprocessing"]!["on_missing"] = "sometimes");
        Copy("huge").Edit(card => card["architecture"]!["hidden"] = new JsonArray(1_000_000_000));
        File.Delete(Path.Combine(Copy("noweights").Directory, TrainedModel.WeightsFile));

        var weights = File.ReadAllBytes(Path.Combine(Run, TrainedModel.WeightsFile));
        var forged = (byte[])weights.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(forged, 10_000_000_000);
        Copy("forgedweights").Weights(forged);
        Copy("truncweights").Weights(weights[..(weights.Length / 2)]);
        Copy("garbageweights").Weights([.. BitConverter.GetBytes(2UL), (byte)'{', (byte)']', .. new byte[1000]]);

        _work.Write(Path.Combine("badcheckpoint", Checkpoint.FileName), "not a checkpoint at all");
        Copy("badloss").Edit(card => card["loss"] = "l2");
        Copy("typedcard").Edit(card => card["standardization"]!["std"]![0] = "x");
        Copy("nohidden").Edit(card => card["architecture"]!.AsObject().Remove("hidden"));
        var nan = Copy("nanweights");
        var tensors = SafetensorsFile.Read(Path.Combine(Run, TrainedModel.WeightsFile)).Tensors
            .Select(t => t.Name == "layers.0.bias"
                ? SafetensorsTensor.FromSingles(t.Name, [.. t.Shape], [float.NaN, .. t.ToSingleArray()[1..]])
                : t)
            .ToList();
        SafetensorsFile.Write(Path.Combine(nan.Directory, TrainedModel.WeightsFile), tensors);

        // A run directory another (live) process holds: this test process's id.
        _work.Write(".held.lock", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Stopped("drifted", _work.Htru2(200, "drifting.csv"));
        File.AppendAllText(_work.PathOf("drifting.csv"), "1,2,3,4,5,6,7,8,0\n");
        Stopped("piped", _work.Htru2(200, "emptied.csv"));
        File.WriteAllText(_work.PathOf("emptied.csv"), string.Empty);

        var other = Copy("otherweights");
        SafetensorsFile.Write(Path.Combine(other.Directory, TrainedModel.WeightsFile),
            [SafetensorsTensor.FromSingles("w", [100], new float[100])]);
    }

    // The checkpoint of a run over data stopped before its first step, as the CLI writes it.
    private void Stopped(string name, string data)
    {
        var stop = new Astrograd.Training.StopSignal();
        stop.Request();
        var config = new RunConfig { DataPath = data, Layers = [4], Epochs = 3 };
        Assert.Throws<TrainingInterruptedException>(() => TrainingRun.Run(Astrograd.Data.CsvReader.ReadFile(data),
            config, _work.PathOf(name),
            checkpointing: new RunCheckpointing { Stop = stop, DataFingerprint = Checkpoint.FingerprintOf(data) }));
    }

    private ModelCopy Copy(string name)
    {
        var directory = _work.PathOf(name);
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.GetFiles(Run))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        return new ModelCopy(directory);
    }

    // The first card with the keyword after the primary header, its value replaced.
    private static byte[] WithCard(byte[] valid, string keyword, string value)
    {
        var bytes = (byte[])valid.Clone();
        for (var at = 2880; at + 80 <= bytes.Length; at += 80)
        {
            if (System.Text.Encoding.ASCII.GetString(bytes, at, 8).TrimEnd() == keyword)
            {
                System.Text.Encoding.ASCII.GetBytes(value.PadLeft(20).PadRight(70)).CopyTo(bytes, at + 10);
                return bytes;
            }
        }

        throw new InvalidOperationException($"no {keyword} card");
    }

    private sealed record ModelCopy(string Directory)
    {
        private string CardPath => Path.Combine(Directory, TrainedModel.CardFile);

        public void Card(string text) => File.WriteAllText(CardPath, text);

        public void Weights(byte[] bytes) =>
            File.WriteAllBytes(Path.Combine(Directory, TrainedModel.WeightsFile), bytes);

        public void Edit(Action<JsonNode> edit)
        {
            var card = JsonNode.Parse(File.ReadAllText(CardPath))!;
            edit(card);
            Card(card.ToJsonString());
        }
    }
}

/// <summary>
/// Every entry of docs/errors.md, run through the CLI entry point: the exit code and the whole error line must be
/// what the catalogue says, so that the documentation and the behaviour cannot drift apart.
/// </summary>
public sealed class ErrorCatalogueTests(ErrorCatalogueFixture files) : IClassFixture<ErrorCatalogueFixture>
{
    private static readonly string[] _commands =
        ["train", "lr-sweep", "predict", "evaluate", "export", "datasets", "graph", "search"];

    public static TheoryData<CatalogueEntry> Entries => [.. ErrorCatalogue.Entries()];

    [Fact]
    public void The_catalogue_lists_at_least_thirty_errors_with_distinct_ids()
    {
        var entries = ErrorCatalogue.Entries();
        var rows = File.ReadLines(ErrorCatalogue.DocPath).Count(l => Regex.IsMatch(l, @"^\|\s*[A-Z]+\d+\s*\|"));

        // A row the parser cannot read would otherwise drop out of the test unnoticed.
        Assert.Equal(rows, entries.Count);
        Assert.True(entries.Count >= 30, $"{entries.Count} entries");
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void A_catalogued_error_prints_its_documented_line_and_exit_code(CatalogueEntry entry)
    {
        if (entry.Command.Contains("{dir}/ro", StringComparison.Ordinal) && !files.ReadOnly)
        {
            // Root without chattr (or the capability it needs): no folder refuses root here, so there is no case.
            return;
        }

        var args = ErrorCatalogue.Arguments(Expand(entry.Command));
        if (args is ["train" or "search", ..] && !args.Contains("--out") && !args.Contains("--resume"))
        {
            // Never a run directory in the working folder, should a case ever stop failing.
            args = [.. args, "--out", Path.Combine(files.Root, "runs", entry.Id)];
        }

        var result = CliHarness.Run(args);

        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // A command line without a command (or with a mistyped one) fails at the root: "astrograd: error: ...".
        var command = args is [var first, ..] && _commands.Contains(first) ? first : string.Empty;
        var pattern = ErrorCatalogue.Pattern(command, Expand(entry.Message));
        Assert.True(pattern.IsMatch(line), $"{entry.Id}: expected {pattern}, printed {line}");
        Assert.True(entry.ExitCode == result.ExitCode, $"{entry.Id}: exit code {result.ExitCode}: {line}");
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    private string Expand(string text) =>
        text.Replace("{dir}", files.Root, StringComparison.Ordinal)
            .Replace("{run}", files.Run, StringComparison.Ordinal);
}
