using Astrograd.IO;

namespace Astrograd.Tests.IO;

/// <summary>Case F9 of the worked cases: element sizes, empty tensors, and every layout fault named.</summary>
public class SafetensorsCaseF9Tests
{
    private static SafetensorsContents Read(byte[] bytes) => SafetensorsFile.Read(new MemoryStream(bytes), "t.st");

    private static SafetensorsException Reject(byte[] bytes) =>
        Assert.Throws<SafetensorsException>(() => Read(bytes));

    [Fact]
    public void F32_takes_four_bytes_per_element()
    {
        var bytes = SafetensorsTestFiles.Build(
            """{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0);

        Assert.Equal([1f, -2f], Read(bytes)["x"].ToSingleArray());
    }

    [Fact]
    public void F64_takes_eight_bytes_per_element()
    {
        var bytes = SafetensorsTestFiles.Build(
            """{"x":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}""", 0, 0, 0, 0, 0, 0, 0xF0, 0x3F);

        Assert.Equal([1.0], Read(bytes)["x"].ToDoubleArray());
    }

    [Fact]
    public void Bf16_takes_two_bytes_and_80_3f_reads_one()
    {
        var bytes = SafetensorsTestFiles.Build(
            """{"x":{"dtype":"BF16","shape":[1],"data_offsets":[0,2]}}""", 0x80, 0x3F);

        var tensor = Read(bytes)["x"];

        Assert.Equal(SafetensorsDType.BF16, tensor.DType);
        Assert.Equal([1f], tensor.ToSingleArray());
        Assert.Equal([1.0], tensor.ToDoubleArray());
    }

    [Theory]
    [InlineData("F16", new byte[] { 0x00, 0x3C }, 1.0)]
    [InlineData("I64", new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, -2.0)]
    [InlineData("I32", new byte[] { 0x07, 0x00, 0x00, 0x00 }, 7.0)]
    [InlineData("U16", new byte[] { 0xFF, 0xFF }, 65535.0)]
    [InlineData("I8", new byte[] { 0xFF }, -1.0)]
    [InlineData("BOOL", new byte[] { 0x02 }, 1.0)]
    [InlineData("F8_E4M3", new byte[] { 0x38 }, 1.0)]
    [InlineData("F8_E5M2", new byte[] { 0x3C }, 1.0)]
    public void Other_dtypes_decode_little_endian(string dtype, byte[] data, double expected)
    {
        var bytes = SafetensorsTestFiles.Build(
            $$$"""{"x":{"dtype":"{{{dtype}}}","shape":[1],"data_offsets":[0,{{{data.Length}}}]}}""", data);

        Assert.Equal([expected], Read(bytes)["x"].ToDoubleArray());
    }

    [Fact]
    public void Unknown_dtype_is_named_in_the_error()
    {
        var ex = Reject(SafetensorsTestFiles.Build(
            """{"x":{"dtype":"Q7","shape":[1],"data_offsets":[0,1]}}""", 0));

        Assert.Equal("x", ex.TensorName);
        Assert.StartsWith("t.st: tensor 'x': unknown dtype 'Q7'; supported: BOOL, U8", ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_with_a_zero_dimension_at_an_empty_range_is_a_valid_empty_tensor()
    {
        var tensor = Read(SafetensorsTestFiles.Build("""{"e":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]}}"""))
            ["e"];

        Assert.Equal([0, 3], tensor.Shape);
        Assert.Equal(0, tensor.ElementCount);
        Assert.Empty(tensor.ToSingleArray());
    }

    [Fact]
    public void Shape_of_one_element_at_an_empty_range_is_rejected()
    {
        var ex = Reject(SafetensorsTestFiles.Build("""{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,0]}}"""));

        Assert.Equal("t.st: tensor 'x': data_offsets [0, 0] hold 0 bytes, but F32 shape [1] needs 4 bytes " +
            "(4 per element).", ex.Message);
    }

    [Fact]
    public void Range_of_the_wrong_length_is_rejected_naming_the_tensor()
    {
        var ex = Reject(SafetensorsTestFiles.Build(
            """{"x":{"dtype":"F64","shape":[1],"data_offsets":[0,4]}}""", 0, 0, 0, 0));

        Assert.Equal("x", ex.TensorName);
        Assert.Contains("hold 4 bytes, but F64 shape [1] needs 8 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_ranges_are_rejected_naming_both_tensors()
    {
        var ex = Reject(SafetensorsTestFiles.Build(
            """
            {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},
             "b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}
            """, new byte[8]));

        Assert.Equal("t.st: tensor 'b': data_offsets [4, 8] overlap tensor 'a' at [0, 8].", ex.Message);
    }

    [Fact]
    public void Hole_between_ranges_is_rejected_naming_the_tensors()
    {
        var ex = Reject(SafetensorsTestFiles.Build(
            """
            {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},
             "b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}
            """, new byte[12]));

        Assert.Equal("b", ex.TensorName);
        Assert.Contains("leave a hole [4, 8) after tensor 'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hole_before_the_first_range_is_rejected()
    {
        var ex = Reject(SafetensorsTestFiles.Build(
            """{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", new byte[8]));

        Assert.Equal("a", ex.TensorName);
        Assert.Contains("leave bytes [0, 4) before it unused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_past_the_buffer_is_rejected_naming_the_tensor()
    {
        var ex = Reject(SafetensorsTestFiles.Build(
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", new byte[6]));

        Assert.Equal("t.st: tensor 'a': data_offsets [0, 8] run past the end of the 6-byte data buffer.",
            ex.Message);
    }

    [Fact]
    public void Bytes_after_the_last_tensor_are_rejected_naming_it()
    {
        var ex = Reject(SafetensorsTestFiles.Build(
            """
            {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},
             "z":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}
            """, new byte[11]));

        Assert.Equal("z", ex.TensorName);
        Assert.Contains("3 bytes follow the data of this last tensor", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_bytes_without_any_tensor_are_rejected()
    {
        var ex = Reject(SafetensorsTestFiles.Build("{}", 1, 2));

        Assert.Contains("2 data bytes follow a header that lists no tensors", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_tensor_name_is_rejected_naming_it()
    {
        var ex = Reject(SafetensorsTestFiles.Build(
            """
            {"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},
             "w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}
            """, new byte[8]));

        Assert.Equal("t.st: tensor 'w': the name appears twice in the header; tensor names must be unique.",
            ex.Message);
    }

    [Fact]
    public void Duplicate_field_inside_a_tensor_entry_is_rejected()
    {
        var ex = Reject(SafetensorsTestFiles.Build(
            """{"w":{"dtype":"F32","dtype":"F64","shape":[1],"data_offsets":[0,4]}}""", new byte[4]));

        Assert.Contains("tensor 'w': the field 'dtype' appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_maps_strings_to_strings_and_a_number_value_is_rejected()
    {
        var good = Read(SafetensorsTestFiles.Build("""{"__metadata__":{"epochs":"100"}}"""));
        var ex = Reject(SafetensorsTestFiles.Build("""{"__metadata__":{"epochs":100}}"""));

        Assert.Equal("100", good.Metadata["epochs"]);
        Assert.Equal("t.st: '__metadata__' key 'epochs' holds a number; metadata values must be strings " +
            "(write \"100\", not 100).", ex.Message);
    }

    [Fact]
    public void Duplicate_metadata_key_and_duplicate_metadata_object_are_rejected()
    {
        var key = Reject(SafetensorsTestFiles.Build("""{"__metadata__":{"a":"1","a":"2"}}"""));
        var block = Reject(SafetensorsTestFiles.Build("""{"__metadata__":{},"__metadata__":{}}"""));

        Assert.Contains("key 'a' appears twice", key.Message, StringComparison.Ordinal);
        Assert.Contains("'__metadata__' appears twice", block.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_that_is_not_an_object_is_rejected()
    {
        var ex = Reject(SafetensorsTestFiles.Build("""{"__metadata__":["a"]}"""));

        Assert.Contains("'__metadata__' is an array", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensors_are_returned_in_data_order_and_unknown_fields_are_skipped()
    {
        var contents = Read(SafetensorsTestFiles.Build(
            """
            {"b":{"dtype":"U8","shape":[1],"data_offsets":[1,2],"note":{"x":[1,2]}},
             "a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}
            """, 10, 20));

        Assert.Equal(["a", "b"], contents.Tensors.Select(t => t.Name));
        Assert.Equal([20.0], contents["b"].ToDoubleArray());
    }
}
