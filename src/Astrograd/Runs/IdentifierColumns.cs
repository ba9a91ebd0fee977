using System.Globalization;
using Astrograd.Data;

namespace Astrograd.Runs;

/// <summary>
/// Default features that look like identifiers rather than measurements: a name such as <c>objid</c>,
/// <c>spec_obj_ID</c>, <c>plate</c>, <c>mjd</c> or <c>fiber</c>, or whole numbers that are all different (a row or
/// object number). A network can memorise such a column but learns nothing that carries over to new objects, so a
/// run whose features were not chosen says so once; the columns stay in (a warning, not a guess).
/// </summary>
internal static class IdentifierColumns
{
    // Rows looked at for "all different": enough to tell an identifier from a count or a flag, whose values
    // repeat early, while a 5-million-row catalogue costs a few megabytes at most.
    private const int RowsChecked = 200_000;

    // Survey bookkeeping that numbers observations rather than measuring objects (SDSS, BOSS, DESI, Gaia).
    private static readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "objid", "specobjid", "bestobjid", "thingid", "targetid", "sourceid", "fiberid", "plateid",
        "plate", "mjd", "fiber", "run", "rerun", "camcol", "field", "tile", "petal", "htmid",
    };

    /// <summary>The warning for the identifier-like columns among <paramref name="features"/>, or null.</summary>
    public static string? Warning(DataTable table, IEnumerable<int> features)
    {
        var found = new List<string>();
        foreach (var f in features)
        {
            var column = table.Columns[f];
            if (LooksNamedLikeAnId(column.Name))
            {
                found.Add($"'{column.Name}' (its name)");
            }
            else if (AllDifferentWholeNumbers(column))
            {
                found.Add($"'{column.Name}' (whole numbers, all different)");
            }
        }

        return found.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture,
            $"the default features include {(found.Count == 1 ? "a column that looks" : "columns that look")} like " +
            $"identifiers, from which a network learns nothing that holds for new objects: " +
            $"{MessageText.List(found)}; choose the features with --features");
    }

    /// <summary>Whether <paramref name="name"/> reads as an identifier: <c>id</c>, <c>objid</c>, <c>obj_ID</c>,
    /// <c>SPECOBJID</c>, <c>fiber_ID</c>, <c>plate</c>, <c>MJD</c>, … (in any case).</summary>
    public static bool LooksNamedLikeAnId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_names.Contains(name))
        {
            return true;
        }

        // obj_ID, spec-obj-id, fiber.ID, objID: the last part is ID; spec_obj_id joined is specobjid.
        var parts = name.Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 1 && (_names.Contains(parts[^1]) || _names.Contains(string.Concat(parts)))
            || (name.Length > 2 && name.EndsWith("ID", StringComparison.Ordinal) && char.IsLower(name[^3]));
    }

    private static bool AllDifferentWholeNumbers(DataColumn column)
    {
        if (column.Kind != ColumnKind.Numeric || column.Length < 20)
        {
            return false;
        }

        var values = column.Numbers;
        var rows = Math.Min(values.Length, RowsChecked);
        foreach (var v in values[..rows])
        {
            if (!double.IsFinite(v) || v != Math.Floor(v))
            {
                return false;
            }
        }

        var seen = new HashSet<double>(rows);
        foreach (var v in values[..rows])
        {
            if (!seen.Add(v))
            {
                return false;
            }
        }

        return true;
    }
}
