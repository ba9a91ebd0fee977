using System.CommandLine;
using System.IO.Compression;
using Astrograd.Data;
using Astrograd.Data.Fits;
using Astrograd.Runs;

namespace Astrograd.Cli.Commands;

/// <summary>
/// Shared loading of <c>--model DIR</c> and <c>--data FILE [--hdu N|NAME]</c> for train, predict and evaluate.
/// </summary>
internal static class ModelInputs
{
    public static Option<string> Required(string name, string description, string helpName) =>
        new(name) { Description = description, Required = true, HelpName = helpName };

    /// <summary>The <c>--hdu</c> option: which HDU of a FITS <c>--data</c> file to read.</summary>
    /// <param name="ofModel">Whether the command reads a model's table (predict, evaluate), whose HDU is the default.
    /// </param>
    public static Option<string?> Hdu(bool ofModel = false) => new("--hdu")
    {
        Description = "FITS only: the HDU holding the table, a 0-based index (0 is the primary HDU) or an EXTNAME " +
            (ofModel ? "(default: the HDU the model was trained on, by its EXTNAME; else the first BINTABLE)."
                : "(default: the first BINTABLE)."),
        HelpName = "N|NAME",
    };

    public static TrainedModel LoadModel(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new CliDataException($"--model: directory '{directory}' does not exist");
        }

        return TrainedModel.Load(directory);
    }

    /// <summary>
    /// Reads the table of <c>--data</c>: FITS when the name ends in .fits, .fit or .fts (any case) or the file starts
    /// with <c>SIMPLE  =</c>, CSV otherwise. The file is opened once and a CSV file read in one pass, so a pipe works;
    /// a FITS table, read by seeking, needs a regular file. A FITS reader's warnings are printed for
    /// <paramref name="command"/>; a missing file, a directory or a bad <c>--hdu</c> is named in one line.
    /// </summary>
    /// <returns>The table, and the source to show: the path, with the HDU for FITS.</returns>
    /// <param name="path">The --data path.</param>
    /// <param name="hdu">The --hdu text, or null.</param>
    /// <param name="output">Where FITS warnings go.</param>
    /// <param name="command">The command, for warnings.</param>
    /// <param name="bytesRead">Told the bytes of a CSV file read so far (a progress bar), or null.</param>
    /// <param name="origin">Given the file's SHA-256 (if it wants it) and FITS HDU, or null.</param>
    /// <param name="modelHdu">The HDU a model was trained on: read from a FITS file when --hdu is not given.</param>
    /// <param name="textColumns">Columns to read as text, exactly as the file holds them (CSV cells; the exact
    /// values of FITS integer columns), or null.</param>
    public static (DataTable Table, string Source) LoadTable(string path, string? hdu, CliOutput output,
        string command, Action<long>? bytesRead = null, DataOrigin? origin = null, HduCard? modelHdu = null,
        IReadOnlyList<string>? textColumns = null)
    {
        if (Directory.Exists(path))
        {
            throw new CliDataException($"--data: '{path}' is a directory; give a CSV or FITS file");
        }

        if (!File.Exists(path))
        {
            throw new CliDataException($"--data: file '{path}' does not exist");
        }

        var selector = ParseHdu(hdu);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && FitsReader.HasFitsExtension(path[..^3]))
        {
            throw new CliDataException($"--data: '{path}' is gzip-compressed FITS, which is not read; unpack it " +
                "first (gunzip -k)");
        }

        try
        {
            using var file = DataFile.Open(path, origin?.WantsFingerprint == true, bytesRead);
            if (!file.IsFits)
            {
                var csv = ReadCsv(file, path, hdu, textColumns);
                origin?.Fingerprint = origin.WantsFingerprint ? file.Fingerprint() : string.Empty;
                return (csv, path);
            }

            var fits = ReadFits(file, path, selector ?? FromModel(modelHdu), modelHdu is not null && hdu is null,
                textColumns);
            foreach (var warning in fits.Warnings)
            {
                output.Warn(command, warning);
            }

            var name = string.IsNullOrEmpty(fits.Hdu.Name) ? null : fits.Hdu.Name;
            if (origin is not null)
            {
                origin.Fingerprint = origin.WantsFingerprint ? file.Fingerprint() : string.Empty;
                origin.Hdu = new HduCard { Index = fits.Hdu.Index, Name = name, Given = hdu };
            }

            return (fits.Table, $"{path}, HDU {fits.Hdu.Index}{(name is null ? "" : $" '{name}'")}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw DataException.At($"cannot read the file: {e.Message}", path, innerException: e);
        }
    }

    private static DataTable ReadCsv(DataFile file, string path, string? hdu, IReadOnlyList<string>? textColumns)
    {
        if (hdu is not null)
        {
            throw new CliUsageException($"--hdu: '{path}' is read as CSV (its name does not end in .fits, .fit " +
                "or .fts and it does not start with 'SIMPLE  ='); --hdu applies only to FITS tables");
        }

        // A stray word in a column nobody uses must not refuse the file: the fault waits for its column.
        var options = new CsvOptions
        {
            DeferCellFaults = true,
            TextColumns = textColumns is null ? null : [.. textColumns.Select(ColumnRef.FromName)],
        };
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return CsvReader.Read(file, options, path);
        }

        using var unpacked = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        return CsvReader.Read(unpacked, options, path);
    }

    // The HDU a model was trained on: by its EXTNAME, sturdier than a position, else by its index; null (the first
    // BINTABLE, as then) when it was trained without --hdu.
    private static FitsHduSelector? FromModel(HduCard? card) =>
        card is not { Given: not null } ? null
        : card.Name is { } name ? FitsHduSelector.FromName(name)
        : FitsHduSelector.FromIndex(card.Index);

    private static FitsTable ReadFits(DataFile file, string path, FitsHduSelector? selector, bool fromModel,
        IReadOnlyList<string>? textColumns)
    {
        if (!file.IsRegular)
        {
            throw new CliDataException($"--data: '{path}' is not a regular file (a pipe?), and a FITS table is read " +
                "by seeking to its HDU; save it to a file first");
        }

        try
        {
            return FitsReader.Read(file.Seekable, selector, path, textColumns);
        }
        catch (ArgumentException e) when (e.ParamName == "hdu" && fromModel)
        {
            throw new CliDataException($"{WithoutParameter(e)}; the model was trained on {selector} (model.json " +
                "'hdu'): give --hdu N|NAME to read another", e);
        }
        catch (ArgumentException e) when (e.ParamName == "hdu")
        {
            throw new CliUsageException($"--hdu: {WithoutParameter(e)}", e);
        }
    }

    private static FitsHduSelector? ParseHdu(string? text)
    {
        try
        {
            return text is null ? null : FitsHduSelector.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"--hdu: {WithoutParameter(e)}", e);
        }
    }

    // The message without .NET's " (Parameter 'x')" suffix: the option is named instead.
    private static string WithoutParameter(ArgumentException e) =>
        e.ParamName is null
            ? e.Message
            : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
}
