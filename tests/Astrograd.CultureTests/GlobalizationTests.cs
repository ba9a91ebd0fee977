using System.Globalization;

namespace Astrograd.CultureTests;

/// <summary>The premise of this project: real cultures are in use, and de-DE writes a decimal comma.</summary>
public sealed class GlobalizationTests
{
    [Fact]
    public void GermanCulture_IsReal_AndWritesADecimalComma()
    {
        var text = CultureScope.Run(CultureScope.German, () => 1.5.ToString(CultureInfo.CurrentCulture));

        Assert.Equal("1,5", text);
    }
}
