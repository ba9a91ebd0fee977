using Astrograd.Data;
using Astrograd.Data.Fits;
using CsCheck;
using static Astrograd.Tests.Data.Fits.FitsTestFiles;

namespace Astrograd.Tests.Data.Fits;

/// <summary>What the writer writes, the reader reads back: every type, missing values, names, empty tables.</summary>
public class FitsRoundTripTests
{
    [Fact]
    public void Every_written_type_reads_back_with_its_values_and_missing_cells()
    {
        FitsWriteColumn[] columns =
        [
            FitsWriteColumn.Single("F32", [1.5f, float.NaN, -3e-8f]),
            FitsWriteColumn.Double("F64", [Math.PI, double.NaN, double.NegativeInfinity]),
            FitsWriteColumn.Int32("I32", [int.MinValue + 1, int.MinValue, int.MaxValue], int.MinValue),
            FitsWriteColumn.Int64("I64", [long.MaxValue >> 11, -1, 0]),
            FitsWriteColumn.Text("CLASS", ["STAR", null, "GALAXY"]),
            FitsWriteColumn.Logical("OK", [true, false, null]),
        ];

        var result = Read(Write(columns, "ALL"));

        var table = result.Table;
        Assert.Equal("ALL", result.Hdu.Name);
        Assert.Equal(["1E", "1D", "1J", "1K", "6A", "1L"], result.Columns.Select(c => c.Format.Text));
        Assert.Equal([1.5, double.NaN, (double)-3e-8f], table["F32"].Numbers.ToArray());
        Assert.Equal([Math.PI, double.NaN, double.NegativeInfinity], table["F64"].Numbers.ToArray());
        Assert.Equal([int.MinValue + 1, double.NaN, int.MaxValue], table["I32"].Numbers.ToArray());
        Assert.Equal([(double)(long.MaxValue >> 11), -1, 0], table["I64"].Numbers.ToArray());
        Assert.Equal(["STAR", string.Empty, "GALAXY"], table["CLASS"].Texts.ToArray());
        Assert.Equal([1.0, 0.0, double.NaN], table["OK"].Numbers.ToArray());
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void The_written_file_is_whole_blocks_with_a_zero_padded_data_block()
    {
        var bytes = Write([FitsWriteColumn.Double("X", [1.0, 2.0, 3.0])]);

        Assert.Equal(3 * Block, bytes.Length);
        Assert.All(bytes[(2 * Block + 24)..], b => Assert.Equal(0, b));
        Assert.StartsWith("SIMPLE  =                    T", System.Text.Encoding.ASCII.GetString(bytes, 0, 80),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_of_zero_rows_round_trips_with_its_columns()
    {
        var result = Read(Write([FitsWriteColumn.Double("X", []), FitsWriteColumn.Text("C", [])]));

        Assert.Equal(0, result.Table.RowCount);
        Assert.Equal([ColumnKind.Numeric, ColumnKind.Text], result.Table.Columns.Select(c => c.Kind));
    }

    [Fact]
    public void A_DataTable_read_from_CSV_round_trips_through_FITS()
    {
        var csv = CsvReader.Parse("ra,dec,class\n10.5,-3.25,STAR\n,7,QSO\n1e-5,8,\n", source: "t.csv");

        var back = Read(Write(FitsWriter.ColumnsOf(csv))).Table;

        Assert.Equal(csv.ColumnNames, back.ColumnNames);
        Assert.Equal(csv["ra"].Numbers.ToArray(), back["ra"].Numbers.ToArray());
        Assert.Equal(csv["class"].Texts.ToArray(), back["class"].Texts.ToArray());
    }

    [Fact]
    public void Text_outside_printable_ASCII_is_refused_naming_column_and_row()
    {
        var error = Assert.Throws<ArgumentException>(() => FitsWriteColumn.Text("name", ["M31", "Café"]));

        Assert.StartsWith("FitsWriteColumn.Text: column 'name', row 1: character U+00E9 is not printable ASCII",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_of_different_lengths_or_repeated_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Write(
            [FitsWriteColumn.Double("A", [1.0]), FitsWriteColumn.Double("B", [1.0, 2.0])]));
        Assert.Throws<ArgumentException>(() => Write(
            [FitsWriteColumn.Double("A", [1.0]), FitsWriteColumn.Double("A", [2.0])]));
        Assert.Throws<ArgumentException>(() => Write([]));
    }

    [Fact]
    public void Random_tables_round_trip_exactly()
    {
        var printable = Gen.Char[' ', '~'].Array[0, 40].Select(c => new string(c).TrimEnd(' '));
        var gen = Gen.Int[0, 50].SelectMany(rows => Gen.Select(
            Gen.Double.Array[rows], Gen.Float.Array[rows], Gen.Long.Array[rows], printable.Array[rows],
            Gen.Bool.Array[rows]));

        gen.Sample((doubles, floats, longs, texts, flags) =>
        {
            var bytes = Write(
            [
                FitsWriteColumn.Double("d", doubles), FitsWriteColumn.Single("e", floats),
                FitsWriteColumn.Int64("k", longs), FitsWriteColumn.Text("a", texts),
                FitsWriteColumn.Logical("l", [.. flags.Select(f => (bool?)f)]),
            ]);

            var table = Read(bytes).Table;

            Assert.Equal(doubles, table["d"].Numbers.ToArray());
            Assert.Equal(floats.Select(f => (double)f), table["e"].Numbers.ToArray());
            Assert.Equal(longs.Select(l => (double)l), table["k"].Numbers.ToArray());
            Assert.Equal(texts, table["a"].Texts.ToArray());
            Assert.Equal(flags.Select(f => f ? 1.0 : 0.0), table["l"].Numbers.ToArray());
        }, iter: 300);
    }
}
