namespace Astrograd.IO;

/// <summary>
/// A read-only view of a stream that reports, after every read, how many bytes of it have been read so far
/// (for a progress bar driven by bytes read against the file's length). Seeking passes through and the
/// count follows the position.
/// </summary>
internal sealed class ProgressStream(Stream inner, Action<long> bytesRead) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Report(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Report(inner.Read(buffer));

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("ProgressStream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("ProgressStream is read-only.");

    private int Report(int read)
    {
        bytesRead(inner.Position);
        return read;
    }
}
