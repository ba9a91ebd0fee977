using System.Buffers;
using System.Diagnostics;

namespace Astrograd.Data;

/// <summary>What <see cref="CsvTokenizer.Read"/> found next.</summary>
internal enum CsvRecordKind
{
    End,
    Comment,
    Data,
}

/// <summary>
/// Splits delimited text into records, one at a time, holding only the current record and a read buffer
/// (never the whole text). Handles RFC-4180 quoting (<c>""</c> inside quotes is one quote; a quoted line
/// break stays in the cell, as <c>\n</c>), LF, CRLF and CR-only line ends, a leading BOM, comment lines,
/// blank lines and white space around unquoted cells. Line numbers are 1-based physical lines.
/// </summary>
internal sealed class CsvTokenizer
{
    private const int MaxLineChars = 1 << 24;

    private static readonly SearchValues<char> _lineEnds = SearchValues.Create("\r\n");
    private static readonly SearchValues<char> _quotedStops = SearchValues.Create("\"\r\n");

    private readonly TextReader _reader;
    private readonly char? _comment;
    private readonly string? _source;

    private char[] _buffer = new char[1 << 16];
    private int _pos;
    private int _len;
    private bool _eof;
    private bool _started;
    private int _line = 1;

    private char _delimiter;
    private bool _whitespace;
    private SearchValues<char>? _unquotedStops;

    private char[] _chars = new char[256];
    private int _charCount;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private bool _fieldsInBuffer;

    public CsvTokenizer(TextReader reader, CsvDelimiter delimiter, char? comment, string? source)
    {
        _reader = reader;
        _comment = comment;
        _source = source;
        Delimiter = delimiter;
        if (delimiter != CsvDelimiter.Auto)
        {
            UseDelimiter(delimiter);
        }
    }

    /// <summary>The delimiter in use: as given, or as detected from the first data line.</summary>
    public CsvDelimiter Delimiter { get; private set; }

    /// <summary>The 1-based line on which the last record (or comment) started.</summary>
    public int RecordLine { get; private set; }

    /// <summary>The number of cells in the last data record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The text after the comment character of the last comment line.</summary>
    public string CommentText { get; private set; } = string.Empty;

    /// <summary>Cell <paramref name="index"/> of the last record (quotes removed, unquoted cells trimmed).</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        Debug.Assert(index < FieldCount);
        return (_fieldsInBuffer ? _buffer : _chars).AsSpan(_starts[index], _lengths[index]);
    }

    /// <summary>
    /// Detects the delimiter of one line: the most frequent of comma, tab and semicolon outside quotes
    /// (ties in that order); when none occurs, white space if the trimmed line has any, else comma.
    /// </summary>
    public static CsvDelimiter DetectDelimiter(ReadOnlySpan<char> line)
    {
        int commas = 0, tabs = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
            }
        }

        if (commas + tabs + semicolons == 0)
        {
            return line.Trim(" \t").IndexOfAny(' ', '\t') >= 0 ? CsvDelimiter.Whitespace : CsvDelimiter.Comma;
        }

        return commas >= tabs && commas >= semicolons ? CsvDelimiter.Comma
            : tabs >= semicolons ? CsvDelimiter.Tab
            : CsvDelimiter.Semicolon;
    }

    /// <summary>Reads the next comment line or data record; blank lines are skipped.</summary>
    public CsvRecordKind Read()
    {
        while (true)
        {
            var lineEnd = FillLine();
            if (lineEnd < 0)
            {
                return CsvRecordKind.End;
            }

            var content = _buffer.AsSpan(_pos, lineEnd - _pos).TrimStart(" \t");
            if (content.IsEmpty)
            {
                _pos = lineEnd;
                ConsumeLineEnd();
                continue;
            }

            RecordLine = _line;
            if (_comment is { } commentChar && content[0] == commentChar)
            {
                CommentText = content[1..].ToString();
                _pos = lineEnd;
                ConsumeLineEnd();
                return CsvRecordKind.Comment;
            }

            if (Delimiter == CsvDelimiter.Auto)
            {
                if (content.Contains('\0'))
                {
                    throw DataException.At("expected delimited text, found NUL bytes (is this a binary file?)",
                        _source, _line);
                }

                UseDelimiter(DetectDelimiter(content));
            }

            if (!TrySplitPlainLine(lineEnd))
            {
                ParseRecord();
            }

            return CsvRecordKind.Data;
        }
    }

    private void UseDelimiter(CsvDelimiter delimiter)
    {
        Delimiter = delimiter;
        _whitespace = delimiter == CsvDelimiter.Whitespace;
        _delimiter = delimiter switch
        {
            CsvDelimiter.Comma => ',',
            CsvDelimiter.Semicolon => ';',
            CsvDelimiter.Tab => '\t',
            _ => ' ',
        };
        _unquotedStops = _whitespace ? SearchValues.Create(" \t\r\n") : SearchValues.Create([_delimiter, '\r', '\n']);
    }

    // The common case, a line without quotes: cells are cut straight out of the read buffer, no copy.
    // FillLine guarantees the line end is complete in the buffer, so consuming it reads nothing new
    // and the cells stay valid until the next Read.
    private bool TrySplitPlainLine(int lineEnd)
    {
        var line = _buffer.AsSpan(_pos, lineEnd - _pos);
        if (line.Contains('"'))
        {
            return false;
        }

        FieldCount = 0;
        _fieldsInBuffer = true;
        var at = 0;
        while (true)
        {
            if (_whitespace)
            {
                var skip = line[at..].IndexOfAnyExcept(' ', '\t');
                if (skip < 0)
                {
                    break;
                }

                at += skip;
            }

            var stop = _whitespace ? line[at..].IndexOfAny(' ', '\t') : line[at..].IndexOf(_delimiter);
            var end = stop < 0 ? line.Length : at + stop;
            var cell = line[at..end];
            var lead = cell.Length - cell.TrimStart(" \t").Length;
            var length = cell.Trim(" \t").Length;
            AddField(_pos + at + lead, length);
            if (stop < 0)
            {
                break;
            }

            at = end + 1;
        }

        _pos = lineEnd;
        ConsumeLineEnd();
        return true;
    }

    private void ParseRecord()
    {
        FieldCount = 0;
        _charCount = 0;
        _fieldsInBuffer = false;
        while (true)
        {
            SkipInlineSpace();
            var start = _charCount;
            var quoted = HasData() && _buffer[_pos] == '"';
            if (quoted)
            {
                _pos++;
                ReadQuoted();
            }
            else
            {
                ReadUnquoted(start);
            }

            AddField(start, _charCount - start);

            var skipped = SkipInlineSpace();
            if (!HasData())
            {
                return;
            }

            var c = _buffer[_pos];
            if (c is '\r' or '\n')
            {
                ConsumeLineEnd();
                return;
            }

            if (!_whitespace && c == _delimiter)
            {
                _pos++;
                continue;
            }

            if (_whitespace && skipped > 0)
            {
                continue;
            }

            // Only a closing quote can be followed by anything else.
            throw DataException.At($"expected a delimiter or line end after a closing quote, found '{c}'",
                _source, _line);
        }
    }

    private void ReadUnquoted(int start)
    {
        while (HasData())
        {
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var stop = span.IndexOfAny(_unquotedStops!);
            Append(stop < 0 ? span : span[..stop]);
            _pos += stop < 0 ? span.Length : stop;
            if (stop >= 0)
            {
                break;
            }
        }

        // Trailing white space is not part of an unquoted cell (leading space was skipped already).
        while (_charCount > start && _chars[_charCount - 1] is ' ' or '\t')
        {
            _charCount--;
        }
    }

    private void ReadQuoted()
    {
        var openedOn = _line;
        while (true)
        {
            if (!HasData())
            {
                throw DataException.At($"a quoted cell opened on line {openedOn} is never closed", _source, openedOn);
            }

            // A quote never closed would otherwise gather the rest of the file into one cell.
            if (_charCount > MaxLineChars)
            {
                throw DataException.At($"a quoted cell opened on line {openedOn} runs on for more than " +
                    $"{MaxLineChars} characters without its closing quote (is a quote missing?)", _source, openedOn);
            }

            var span = _buffer.AsSpan(_pos, _len - _pos);
            var stop = span.IndexOfAny(_quotedStops);
            if (stop < 0)
            {
                Append(span);
                _pos = _len;
                continue;
            }

            Append(span[..stop]);
            _pos += stop;
            if (_buffer[_pos] == '"')
            {
                _pos++;
                if (HasData() && _buffer[_pos] == '"')
                {
                    Append("\"");
                    _pos++;
                    continue;
                }

                return;
            }

            // A line break inside quotes belongs to the cell; written as \n whatever the file used.
            ConsumeLineEnd();
            Append("\n");
        }
    }

    private int SkipInlineSpace()
    {
        var skipped = 0;
        while (HasData() && _buffer[_pos] is ' ' or '\t' && (_whitespace || _buffer[_pos] != _delimiter))
        {
            _pos++;
            skipped++;
        }

        return skipped;
    }

    // At a '\r' or '\n': steps over one line end (CRLF counts once) and counts the line.
    private void ConsumeLineEnd()
    {
        if (!HasData())
        {
            return;
        }

        var c = _buffer[_pos++];
        Debug.Assert(c is '\r' or '\n');
        if (c == '\r' && HasData() && _buffer[_pos] == '\n')
        {
            _pos++;
        }

        _line++;
    }

    private void AddField(int start, int length)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _lengths, _lengths.Length * 2);
        }

        _starts[FieldCount] = start;
        _lengths[FieldCount] = length;
        FieldCount++;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_charCount + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + text.Length));
        }

        text.CopyTo(_chars.AsSpan(_charCount));
        _charCount += text.Length;
    }

    // True when at least one unread character is in the buffer, reading more if needed.
    private bool HasData()
    {
        if (_pos < _len)
        {
            return true;
        }

        _pos = 0;
        _len = 0;
        return Fill();
    }

    // Makes the buffer hold a whole physical line from _pos; returns the index of its line end
    // (or of the end of the text), or -1 at the end of the text.
    private int FillLine()
    {
        var searched = _pos;
        while (true)
        {
            var found = _buffer.AsSpan(searched, _len - searched).IndexOfAny(_lineEnds);

            // A final '\r' needs the next character in the buffer too, to tell CR from CRLF.
            if (found >= 0 && (_buffer[searched + found] == '\n' || searched + found + 1 < _len || _eof))
            {
                return searched + found;
            }

            searched += found >= 0 ? found : _len - searched;
            if (_eof)
            {
                return _pos < _len ? _len : -1;
            }

            // Keep the partial line, moved to the front, and read more after it.
            var kept = _len - _pos;
            if (kept > MaxLineChars)
            {
                throw DataException.At($"a line longer than {MaxLineChars} characters (is this a text table?)",
                    _source, _line);
            }

            if (_pos > 0)
            {
                Array.Copy(_buffer, _pos, _buffer, 0, kept);
            }
            else if (kept == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            searched -= _pos;
            _pos = 0;
            _len = kept;
            Fill();
        }
    }

    // Reads more text after _len; false when nothing more came.
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        var read = _reader.Read(_buffer, _len, _buffer.Length - _len);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        if (!_started)
        {
            _started = true;

            // A StreamReader removes a UTF-8 BOM itself; a TextReader over a string may still hold one.
            if (_buffer[_len] == '\uFEFF')
            {
                Array.Copy(_buffer, _len + 1, _buffer, _len, read - 1);
                read--;
            }
        }

        _len += read;
        return read > 0 || Fill();
    }
}
