using System.Globalization;
using System.Runtime.InteropServices;

namespace Astrograd.Data;

/// <summary>
/// Collects one column's cells while a file is read. The kind is fixed by the first non-missing cell
/// (number → numeric, text → text) unless forced to text; leading missing cells wait for it. Values go
/// into fixed-size chunks, so growing never copies, and are joined into one array at the end.
/// </summary>
/// <remarks>
/// Number chunks live in native memory and are freed as soon as they are copied into the column's array:
/// managed chunks would stay on the large-object heap until a full collection, doubling the peak memory
/// of a big file. Dispose frees whatever is left (after an error).
/// </remarks>
internal sealed unsafe class ColumnBuilder : IDisposable
{
    private const int ChunkSize = 1 << 16;

    // Text columns mostly repeat a few labels (GALAXY, STAR, QSO): one string per distinct label,
    // up to this many, keeps a 5-million-row label column from holding 5 million strings.
    private const int MaxInterned = 10_000;

    private readonly List<nint> _numberChunks = [];
    private readonly List<string[]> _textChunks = [];
    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);
    private readonly bool _deferFaults;
    private int _count;
    private int _pendingMissing;
    private CellFault? _fault;

    public ColumnBuilder(string name, bool forceText, bool deferFaults = false)
    {
        Name = name;
        Kind = forceText ? ColumnKind.Text : null;
        _deferFaults = deferFaults;
    }

    public string Name { get; }

    /// <summary>The column's kind, or null while every cell so far was missing.</summary>
    public ColumnKind? Kind { get; private set; }

    /// <summary>The line of the cell that made the column numeric (for error messages).</summary>
    public int KindSetOnLine { get; private set; }

    /// <summary>What a numeric column that meets <paramref name="text"/> on <paramref name="line"/> says.</summary>
    public string StrayText(string text, int line) => string.Create(CultureInfo.InvariantCulture,
        $"expected a number (the column is numeric from line {KindSetOnLine}), found '{MessageText.Cell(text)}'; " +
        $"fix the cell, or leave it empty or NaN to mark it missing");

    /// <summary>
    /// Adds one cell; false (nothing added) when a numeric column meets text, which the caller reports. With
    /// deferred faults the cell is added as NaN instead and the first such cell kept as the column's fault.
    /// </summary>
    public bool Add(ReadOnlySpan<char> cell, double? sentinel, int line)
    {
        if (Kind == ColumnKind.Text)
        {
            AddText(NumberText.IsMissing(cell) ? [] : cell);
            return true;
        }

        var kind = NumberText.Classify(cell, out var value, sentinel);
        if (Kind == ColumnKind.Numeric)
        {
            if (kind == CellKind.Text)
            {
                if (!_deferFaults)
                {
                    return false;
                }

                _fault = _fault is null
                    ? new CellFault(line, StrayText(cell.ToString(), line), 1)
                    : _fault with { Count = _fault.Count + 1 };
                AddNumber(double.NaN);
                return true;
            }

            AddNumber(value);
            return true;
        }

        switch (kind)
        {
            case CellKind.Missing:
                _pendingMissing++;
                break;
            case CellKind.Number:
                Kind = ColumnKind.Numeric;
                KindSetOnLine = line;
                FlushPending();
                AddNumber(value);
                break;
            default:
                Kind = ColumnKind.Text;
                KindSetOnLine = line;
                FlushPending();
                AddText(cell);
                break;
        }

        return true;
    }

    /// <summary>The finished column; a column with no non-missing cell is numeric, all NaN.</summary>
    public DataColumn Build()
    {
        Kind ??= ColumnKind.Numeric;
        FlushPending();

        var column = Kind == ColumnKind.Numeric
            ? DataColumn.Own(Name, JoinNumbers(), _fault)
            : DataColumn.Own(Name, JoinTexts());
        Dispose();
        return column;
    }

    /// <summary>Frees the chunks.</summary>
    public void Dispose()
    {
        foreach (var chunk in _numberChunks)
        {
            NativeMemory.Free((void*)chunk);
        }

        _numberChunks.Clear();
        _textChunks.Clear();
        _interned.Clear();
    }

    private void FlushPending()
    {
        for (; _pendingMissing > 0; _pendingMissing--)
        {
            if (Kind == ColumnKind.Numeric)
            {
                AddNumber(double.NaN);
            }
            else
            {
                AddText([]);
            }
        }
    }

    private void AddNumber(double value)
    {
        var slot = _count % ChunkSize;
        if (slot == 0)
        {
            _numberChunks.Add((nint)NativeMemory.Alloc(ChunkSize, sizeof(double)));
        }

        ((double*)_numberChunks[^1])[slot] = value;
        _count++;
    }

    private void AddText(ReadOnlySpan<char> cell)
    {
        var slot = _count % ChunkSize;
        if (slot == 0)
        {
            _textChunks.Add(new string[ChunkSize]);
        }

        _textChunks[^1][slot] = Intern(cell);
        _count++;
    }

    private string Intern(ReadOnlySpan<char> cell)
    {
        if (cell.IsEmpty)
        {
            return string.Empty;
        }

        var lookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(cell, out var known))
        {
            return known;
        }

        var text = cell.ToString();
        if (_interned.Count < MaxInterned)
        {
            _interned.Add(text, text);
        }

        return text;
    }

    private double[] JoinNumbers()
    {
        var result = GC.AllocateUninitializedArray<double>(_count);
        for (var k = 0; k < _numberChunks.Count; k++)
        {
            var offset = k * ChunkSize;
            var length = Math.Min(ChunkSize, _count - offset);
            new ReadOnlySpan<double>((void*)_numberChunks[k], length).CopyTo(result.AsSpan(offset));
            NativeMemory.Free((void*)_numberChunks[k]);
            _numberChunks[k] = 0;
        }

        _numberChunks.Clear();
        return result;
    }

    private string[] JoinTexts()
    {
        var result = new string[_count];
        for (var k = 0; k < _textChunks.Count; k++)
        {
            var offset = k * ChunkSize;
            var length = Math.Min(ChunkSize, _count - offset);
            Array.Copy(_textChunks[k], 0, result, offset, length);
        }

        return result;
    }
}
