using Astrograd.Cli.Plots;

namespace Astrograd.Tests.Cli.Plots;

public sealed class PlotFilesTests
{
    [Fact]
    public void Clip_path_ids_are_renumbered_in_order_of_appearance()
    {
        var svg = """<clipPath id="cl_1f"/><g clip-path="url(#cl_1f)"/>""" +
            """<clipPath id="cl_20"/><g clip-path="url(#cl_20)"/><text>cl_2</text>""";

        var stable = PlotFiles.StableSvg(svg);

        Assert.Equal("""<clipPath id="clip0"/><g clip-path="url(#clip0)"/>""" +
            """<clipPath id="clip1"/><g clip-path="url(#clip1)"/><text>cl_2</text>""", stable);
    }
}
