using Astrograd.Runs;

namespace Astrograd.Cli.Commands;

/// <summary>
/// What a run records about its <c>--data</c> file besides the table, filled in while the file is read: the SHA-256
/// of its bytes (kept in checkpoints) and the FITS HDU read (kept in model.json).
/// </summary>
internal sealed class DataOrigin
{
    /// <summary>Whether the file's SHA-256 is wanted (it costs a pass of hashing).</summary>
    public bool WantsFingerprint { get; init; }

    /// <summary>The lower-case hex SHA-256 of the file; empty for an embedded dataset or when not wanted.</summary>
    public string Fingerprint { get; set; } = string.Empty;

    /// <summary>The HDU of a FITS file, or null for CSV and embedded tables.</summary>
    public HduCard? Hdu { get; set; }
}
