using System.Buffers.Binary;
using System.Text;

namespace Astrograd.Tests.IO;

/// <summary>Builds safetensors bytes by hand, so tests can state the exact header a reader is given.</summary>
internal static class SafetensorsTestFiles
{
    /// <summary>Length prefix, then the header text as UTF-8, then the data bytes.</summary>
    public static byte[] Build(string header, params byte[] data) => Build(Encoding.UTF8.GetBytes(header), data);

    public static byte[] Build(byte[] header, byte[] data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    /// <summary>A file whose length prefix claims <paramref name="claimed"/> bytes, followed by
    /// <paramref name="actual"/>.</summary>
    public static byte[] WithClaimedHeaderLength(ulong claimed, string actual)
    {
        var bytes = Build(actual);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, claimed);
        return bytes;
    }
}

/// <summary>A read-only stream that cannot seek or report its length, like a network or pipe stream.</summary>
internal sealed class UnseekableStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes, writable: false);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
