using System.Globalization;
using System.Text;
using Astrograd.Data;
using Astrograd.Data.Fits;
using Astrograd.IO;
using Astrograd.NN;
using Astrograd.Optim;
using Astrograd.Runs;

namespace Astrograd.CultureTests;

/// <summary>Readers, writers and messages of the library give the same text under de-DE as invariant.</summary>
public sealed class LibraryCultureTests
{
    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void Csv_UnderGerman_ReadsTheDecimalPointAndExponents()
    {
        // Arrange
        const string Text = "x,y\n1.5,2e-3\n-0.25,1.000\n";

        // Act
        var table = CultureScope.Run(CultureScope.German, () => CsvReader.Parse(Text));

        // Assert
        Assert.Equal([1.5, -0.25], table["x"].Numbers.ToArray());
        Assert.Equal([0.002, 1.0], table["y"].Numbers.ToArray());
    }

    [Fact]
    public void Csv_UnderGerman_RefusesADecimalCommaWithTheSameMessage()
    {
        // Under ';' a decimal comma is text in a numeric column.
        static string Message() =>
            Assert.Throws<DataException>(() => CsvReader.Parse("x;y\n1.5;2\n1,5;3\n")).Message;

        var (invariant, german) = CultureScope.Both(Message);

        Assert.Equal(invariant, german);
    }

    [Fact]
    public void FormatCell_UnderGerman_IsTheInvariantText()
    {
        var column = DataColumn.Numeric("x", [1.5, -0.001, 1e300]);

        var (invariant, german) = CultureScope.Both(() => string.Join('|', Enumerable.Range(0, 3)
            .Select(column.FormatCell)));

        Assert.Equal("1.5|-0.001|1E+300", invariant);
        Assert.Equal(invariant, german);
    }

    [Fact]
    public void StandardizerState_Errors_UnderGerman_WriteDecimalPoints()
    {
        var state = new StandardizerState(["flux"], [0.5], [-1.5]);

        var (invariant, german) = CultureScope.Both(() =>
            Assert.Throws<ArgumentException>(() => Standardizer.FromState(state)).Message);

        Assert.Contains("mean 0.5 and std -1.5", german, StringComparison.Ordinal);
        Assert.Equal(invariant, german);
    }

    [Fact]
    public void RunConfig_Errors_UnderGerman_WriteDecimalPoints()
    {
        var config = new RunConfig { Validation = 0.75, Test = 0.5 };

        var (invariant, german) = CultureScope.Both(() =>
            Assert.Throws<RunConfigException>(config.Validate).Message);

        Assert.Contains("0.75", german, StringComparison.Ordinal);
        Assert.Equal(invariant, german);
    }

    public static TheoryData<string, Func<Parameter<float>[], object>> OptimizerOptions => new()
    {
        { "got 1.5", p => new Sgd<float>(p, new SgdOptions(Momentum: 1.5)) },
        { "got -0.5", p => new Sgd<float>(p, new SgdOptions(WeightDecay: -0.5)) },
        { "got -0.5", p => new Adam<float>(p, new AdamOptions(L2WeightDecay: -0.5)) },
        { "got -0.5", p => new AdamW<float>(p, new AdamWOptions(DecoupledWeightDecay: -0.5)) },
        { "got -0.5", p => GradientClipping.ClipTotalNorm(p, -0.5) },
    };

    [Theory]
    [MemberData(nameof(OptimizerOptions))]
    public void Optimizer_Errors_UnderGerman_WriteDecimalPoints(string expected, Func<Parameter<float>[], object> make)
    {
        Parameter<float>[] parameters = [new Parameter<float>(new Shape(2), [1f, 2f])];

        var (invariant, german) = CultureScope.Both(() =>
            Assert.ThrowsAny<ArgumentException>(() => make(parameters)).Message);

        Assert.Contains(expected, german, StringComparison.Ordinal);
        Assert.Equal(invariant, german);
    }

    [Theory]
    [InlineData("scaled_nulls.fits")]
    [InlineData("header_cards.fits")]
    public void FitsTables_WithRealValuedCards_ReadTheSameUnderGerman(string name)
    {
        var (invariant, german) = CultureScope.Both(() => Describe(FitsReader.ReadFile(FixturePath(name))));

        Assert.Equal(invariant, german);
    }

    [Fact]
    public void FitsWriter_UnderGerman_WritesTheSameBytes()
    {
        static byte[] Write()
        {
            using var stream = new MemoryStream();
            FitsWriter.Write(stream, [FitsWriteColumn.Double("z", [0.5, 1.25e-7]),
                FitsWriteColumn.Single("flux", [2.5f, -0.125f]), FitsWriteColumn.Int32("n", [3, 4], nullValue: -1)],
                "PRED");
            return stream.ToArray();
        }

        var (invariant, german) = CultureScope.Both(Write);

        Assert.Equal(invariant, german);
    }

    [Fact]
    public void Safetensors_UnderGerman_WritesAndReadsTheSameBytes()
    {
        static (byte[] Bytes, string Read) RoundTrip()
        {
            using var stream = new MemoryStream();
            SafetensorsFile.Write(stream, [SafetensorsTensor.FromSingles("w", [2], [0.5f, -1.5f]),
                SafetensorsTensor.FromDoubles("b", [1], [1e-300])],
                new Dictionary<string, string> { ["lr"] = "0.05" });
            var bytes = stream.ToArray();
            stream.Position = 0;
            var contents = SafetensorsFile.Read(stream);
            return (bytes, string.Join('|', contents.Tensors.Select(t => $"{t.Name}:{string.Join(',', t.Shape)}")));
        }

        var (invariant, german) = CultureScope.Both(RoundTrip);

        Assert.Equal(invariant.Bytes, german.Bytes);
        Assert.Equal(invariant.Read, german.Read);
    }

    private static string Describe(FitsTable fits)
    {
        var text = new StringBuilder();
        foreach (var column in fits.Table.Columns)
        {
            text.Append(column.Name).Append(':');
            for (var r = 0; r < column.Length; r++)
            {
                text.Append(column.FormatCell(r)).Append(';');
            }
        }

        foreach (var card in fits.Hdu.Header.Cards)
        {
            text.Append(card.ToString()).Append('\n');
            if (card.Real is { } value)
            {
                text.Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.Append(string.Join('\n', fits.Warnings)).ToString();
    }
}
