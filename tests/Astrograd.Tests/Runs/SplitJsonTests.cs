using System.Text;
using System.Text.Json;
using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Tests.Runs;

// split.json is streamed to the file (a 5-million-row split is about 40 MB of text): the same bytes as the string.
public class SplitJsonTests
{
    [Fact]
    public void Streamed_split_json_is_the_same_text_as_the_string_form()
    {
        // Arrange: enough rows to make the writer flush many times.
        var split = new DataSplit([.. Enumerable.Range(0, 100_000)], [100_000, 100_001], []);
        using var stream = new MemoryStream();

        // Act
        RunFiles.WriteSplitJson(stream, split);

        // Assert
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(RunFiles.SplitJson(split), text);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(100_000, doc.RootElement.GetProperty("train").GetArrayLength());
        Assert.Equal(0, doc.RootElement.GetProperty("test").GetArrayLength());
    }
}
