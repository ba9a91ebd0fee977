using Astrograd.Data;

namespace Astrograd.Tests.Data;

public class LabelEncoderTests
{
    [Fact]
    public void Text_labels_are_sorted_ordinally()
    {
        var encoder = LabelEncoder.Fit(["STAR", "GALAXY", "QSO", "STAR", "GALAXY"]);

        Assert.Equal(["GALAXY", "QSO", "STAR"], encoder.Classes);
        Assert.Equal(2, encoder.Encode("STAR"));
        Assert.Equal("QSO", encoder.Decode(1));
    }

    [Fact]
    public void Ordinal_sort_puts_upper_case_before_lower_case()
    {
        var encoder = LabelEncoder.Fit(["a", "B", "b", "A"]);

        Assert.Equal(["A", "B", "a", "b"], encoder.Classes);
    }

    [Fact]
    public void Numeric_labels_are_sorted_by_value()
    {
        var column = DataColumn.Numeric("class", [1, 0, 10, 2, 0]);

        var encoder = LabelEncoder.Fit(column);

        Assert.Equal(["0", "1", "2", "10"], encoder.Classes);
        Assert.Equal([1, 0, 3, 2, 0], encoder.Encode(column));
    }

    [Fact]
    public void Stored_classes_rebuild_the_same_mapping()
    {
        var fitted = LabelEncoder.Fit(["QSO", "STAR", "GALAXY"]);

        var restored = LabelEncoder.FromClasses([.. fitted.Classes]);

        Assert.Equal(fitted.Classes, restored.Classes);
        Assert.Equal(fitted.Encode("QSO"), restored.Encode("QSO"));
    }

    [Fact]
    public void Numeric_labels_read_as_numbers_match_text_class_names()
    {
        var encoder = LabelEncoder.FromClasses(["0", "1"]);

        var classes = encoder.Encode(DataColumn.Numeric("class", [1.0, 0.0, -0.0]));

        Assert.Equal([1, 0, 0], classes);
    }

    [Fact]
    public void Unknown_label_at_prediction_is_named()
    {
        var encoder = LabelEncoder.Fit(["GALAXY", "STAR"]);

        var error = Assert.Throws<DataException>(
            () => encoder.Encode(DataColumn.Text("class", ["STAR", "QSO"])));

        Assert.Equal("column 'class': unknown class label 'QSO' in data row 2; known classes: GALAXY, STAR",
            error.Message);
        Assert.Throws<DataException>(() => encoder.Encode("WD"));
    }

    [Fact]
    public void Missing_label_is_refused_in_fitting()
    {
        var error = Assert.Throws<DataException>(() => LabelEncoder.Fit(DataColumn.Text("class", ["STAR", ""])));

        Assert.Contains("empty cell in data row 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nan_numeric_label_is_refused()
    {
        Assert.Throws<DataException>(() => LabelEncoder.Fit(DataColumn.Numeric("class", [0, double.NaN, 1])));
    }

    [Fact]
    public void A_single_class_is_refused()
    {
        var error = Assert.Throws<DataException>(() => LabelEncoder.Fit(["STAR", "STAR"]));

        Assert.Contains("at least 2 classes, found only 'STAR'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_distinct_values_suggests_a_regression_target()
    {
        var values = Enumerable.Range(0, 50).Select(i => i * 0.01).ToArray();

        var error = Assert.Throws<DataException>(
            () => LabelEncoder.Fit(DataColumn.Numeric("z", values), maxClasses: 20));

        Assert.Contains("regression target", error.Message, StringComparison.Ordinal);
    }
}
