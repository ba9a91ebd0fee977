using System.Globalization;
using System.Text;
using Astrograd.Data;
using Astrograd.Runs;

namespace Astrograd.Tests.Runs;

/// <summary>Default features that look like identifiers are named in one warning and kept.</summary>
public sealed class IdentifierColumnsTests
{
    [Theory]
    [InlineData("objid", true)]
    [InlineData("specObjID", true)]
    [InlineData("spec_obj_ID", true)]
    [InlineData("fiber_ID", true)]
    [InlineData("OBJID", true)]
    [InlineData("plate", true)]
    [InlineData("MJD", true)]
    [InlineData("fiber", true)]
    [InlineData("cam_col", true)]
    [InlineData("id", true)]
    [InlineData("width", false)]
    [InlineData("VALID", false)]
    [InlineData("valid", false)]
    [InlineData("MAG_U", false)]
    [InlineData("redshift", false)]
    [InlineData("Z_ERR", false)]
    public void An_identifier_is_recognised_by_its_name(string name, bool expected) =>
        Assert.Equal(expected, IdentifierColumns.LooksNamedLikeAnId(name));

    private static DataTable Table()
    {
        var sb = new StringBuilder("row,OBJID,count,mag,y\n");
        for (var i = 0; i < 60; i++)
        {
            var objid = 1237648720693755918L + (i * 7);
            sb.Append(CultureInfo.InvariantCulture, $"{i},{objid},{i % 4},{i * 0.37:F2},{i % 2}\n");
        }

        return CsvReader.Parse(sb.ToString(), source: "t.csv");
    }

    [Fact]
    public void Default_features_that_look_like_identifiers_are_named_once_and_kept()
    {
        var data = PreparedData.From(Table(), new RunConfig { Target = "y" });

        var warning = Assert.Single(data.Warnings, w => w.Contains("identifiers", StringComparison.Ordinal));
        Assert.Equal("the default features include columns that look like identifiers, from which a network learns " +
            "nothing that holds for new objects: 'row' (whole numbers, all different), 'OBJID' (its name); choose " +
            "the features with --features", warning);
        Assert.Equal(["row", "OBJID", "count", "mag"], data.Features);
    }

    [Fact]
    public void Features_given_by_name_draw_no_warning()
    {
        var data = PreparedData.From(Table(), new RunConfig { Target = "y", Features = ["row", "mag"] });

        Assert.DoesNotContain(data.Warnings, w => w.Contains("identifiers", StringComparison.Ordinal));
    }
}
