using System.Globalization;

namespace Astrograd.Data.Fits;

/// <summary>
/// Where in a FITS file a fault is: the file, the 0-based HDU and, once its header is read, the HDU's name.
/// Every reader error goes through <see cref="Error"/>, so that all of them read
/// <c>stars.fits: HDU 1 'STARS': what</c>.
/// </summary>
internal readonly record struct FitsPlace(string? Source, int Hdu, string? Name = null)
{
    /// <summary>"HDU 1 'STARS'", or "HDU 0" before the name is known or when there is none.</summary>
    public string HduText => string.IsNullOrEmpty(Name)
        ? string.Create(CultureInfo.InvariantCulture, $"HDU {Hdu}")
        : string.Create(CultureInfo.InvariantCulture, $"HDU {Hdu} '{Name}'");

    /// <summary>A data error at this place: <c>source: HDU n 'NAME': what</c>.</summary>
    public DataException Error(string what) => DataException.At($"{HduText}: {what}", Source);

    /// <summary>A warning at this place, in the same form as <see cref="Error"/>.</summary>
    public string Warning(string what) => Source is null ? $"{HduText}: {what}" : $"{Source}: {HduText}: {what}";
}
