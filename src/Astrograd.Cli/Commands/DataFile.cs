using System.Security.Cryptography;
using Astrograd.Data.Fits;

namespace Astrograd.Cli.Commands;

/// <summary>
/// The bytes of a <c>--data</c> file, opened once and read from the start. A pipe (<c>&lt;(cmd)</c>, a named pipe,
/// <c>/dev/stdin</c> fed by a pipe) gives its bytes once only: the first bytes, which tell FITS from CSV, are kept
/// and handed to the reader again, and the SHA-256 a checkpoint records is taken as the bytes go by.
/// </summary>
internal sealed class DataFile : Stream
{
    private const int MagicLength = 9;

    private readonly FileStream _file;
    private readonly byte[] _head;
    private readonly IncrementalHash? _hash;
    private readonly Action<long>? _bytesRead;
    private int _headAt;
    private long _read;

    private DataFile(FileStream file, byte[] head, bool isFits, bool fingerprint, Action<long>? bytesRead)
    {
        _file = file;
        _head = head;
        IsFits = isFits;
        _hash = fingerprint ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        _bytesRead = bytesRead;
    }

    /// <summary>Whether the file is read as FITS: its name ends in .fits, .fit or .fts, or it starts with
    /// <c>SIMPLE  =</c>.</summary>
    public bool IsFits { get; }

    /// <summary>Whether the file is a regular file, which can be read twice and sought in; a pipe cannot.</summary>
    public bool IsRegular => _file.CanSeek;

    /// <summary>The file itself at byte 0, for a reader that seeks (FITS); only for a regular file.</summary>
    public Stream Seekable
    {
        get
        {
            _file.Position = 0;
            return _file;
        }
    }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException("DataFile is read once, from the start.");

    /// <inheritdoc/>
    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException("DataFile is read once, from the start.");
    }

    /// <summary>
    /// Whether <paramref name="path"/> is a file of known length, which can be opened twice without losing bytes:
    /// a pipe or a device reports a length of 0 (so does an empty file, which holds no table anyway).
    /// </summary>
    public static bool HasLength(string path) => File.Exists(path) && new FileInfo(path).Length > 0;

    /// <summary>Opens <paramref name="path"/> and reads its first bytes to tell FITS from CSV.</summary>
    /// <param name="path">The --data path.</param>
    /// <param name="fingerprint">Whether to hash the bytes read (see <see cref="Fingerprint"/>).</param>
    /// <param name="bytesRead">Told the bytes read so far after every read, or null.</param>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static DataFile Open(string path, bool fingerprint, Action<long>? bytesRead)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            if (FitsReader.HasFitsExtension(path))
            {
                return new DataFile(file, [], isFits: true, fingerprint, bytesRead);
            }

            var head = new byte[MagicLength];
            var got = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..got];
            var isFits = head.AsSpan().SequenceEqual("SIMPLE  ="u8);
            if (file.CanSeek)
            {
                file.Position = 0;
                head = [];
            }

            return new DataFile(file, head, isFits, fingerprint, bytesRead);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The lower-case hex SHA-256 of the whole file: what was not yet read is read now.</summary>
    /// <exception cref="InvalidOperationException">The file was opened without a fingerprint.</exception>
    public string Fingerprint()
    {
        if (_hash is null)
        {
            throw new InvalidOperationException("DataFile.Fingerprint: the file was opened without a fingerprint");
        }

        // A reader may stop before the end (a FITS reader seeks; gzip may leave trailing bytes): hash what is left.
        if (IsRegular && _read == 0 && _headAt == 0)
        {
            _file.Position = 0;
        }

        var rest = new byte[1 << 16];
        while (Read(rest, 0, rest.Length) > 0)
        {
        }

        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        int n;
        if (_headAt < _head.Length)
        {
            n = Math.Min(buffer.Length, _head.Length - _headAt);
            _head.AsSpan(_headAt, n).CopyTo(buffer);
            _headAt += n;
        }
        else
        {
            n = _file.Read(buffer);
        }

        _hash?.AppendData(buffer[..n]);
        _read += n;
        _bytesRead?.Invoke(_read);
        return n;
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) =>
        throw new NotSupportedException("DataFile is read once, from the start.");

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException("DataFile is read-only.");

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("DataFile is read-only.");

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
            _hash?.Dispose();
        }

        base.Dispose(disposing);
    }
}
