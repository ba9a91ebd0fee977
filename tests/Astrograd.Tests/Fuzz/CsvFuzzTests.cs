using System.Text;
using Astrograd.Data;
using CsCheck;

namespace Astrograd.Tests.Fuzz;

/// <summary>The CSV reader on random bytes and on mutations of a valid table: a table or a DataException.</summary>
public sealed class CsvFuzzTests
{
    private static readonly byte[] _valid = Encoding.UTF8.GetBytes(
        "# a comment\nra,dec,\"mag, r\",class\n1.5,-2.25,17.1,STAR\n2e3,0.5,\"18\",GALAXY\n" +
        "nan,1,inf,QSO\n-0.0,+3,1E-5,\"STAR\"\n");

    [Fact]
    public void Random_bytes_give_a_table_or_a_data_error() =>
        Mutations.RandomBytes(512).Sample(Read, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations);

    [Fact]
    public void Mutated_tables_give_a_table_or_a_data_error() =>
        Mutations.Of(_valid).Sample(Read, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations);

    [Fact]
    public void Mutated_tables_with_fixed_options_give_a_table_or_a_data_error()
    {
        var options = new CsvOptions { Delimiter = CsvDelimiter.Comma, HasHeader = true, MissingSentinel = -9999 };

        Mutations.Of(_valid).Sample(bytes => Read(bytes, options), seed: FuzzBudget.Seed,
            iter: FuzzBudget.Iterations);
    }

    private static void Read(byte[] bytes) => Read(bytes, null);

    private static void Read(byte[] bytes, CsvOptions? options) =>
        FuzzOracle.Check(bytes, () =>
        {
            using var stream = new MemoryStream(bytes);
            CsvReader.Read(stream, options, "fuzz.csv");
        }, typeof(DataException));
}
