namespace Astrograd.Tests.Cli;

public class DatasetsCommandTests
{
    [Fact]
    public void Datasets_lists_htru2_with_its_size_target_and_citation()
    {
        var result = CliHarness.Run("datasets");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        var row = result.Console.Split('\n').First(l => l.StartsWith("│ htru2 ", StringComparison.Ordinal))
            .Split('│')[1..^1].Select(c => c.Trim()).ToArray();
        Assert.Equal(["htru2", "17898", "9", "class"], row[..4]);
        var text = result.Console.Replace("\n", " ", StringComparison.Ordinal);
        Assert.Contains("Lyon", text, StringComparison.Ordinal);
        Assert.Contains("CC BY 4.0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_without_data_uses_the_named_embedded_dataset_and_an_unknown_name_is_a_usage_error()
    {
        var result = CliHarness.Run("train", "--dataset", "nope", "--epochs", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("astrograd train: error: --dataset: no embedded dataset named 'nope'; available: htru2",
            result.Stderr.TrimEnd());
    }
}
