using Astrograd.Data;

namespace Astrograd.Tests.Data;

// Case F8 of cases.md (stratified split) and the split rules of Splitter.
public class SplitterTests
{
    private static readonly string[] _starQso = ["STAR", "QSO"];

    private static int[] Classes(int stars, int quasars) =>
        [.. Enumerable.Repeat(0, stars), .. Enumerable.Repeat(1, quasars)];

    [Fact]
    public void F8_stratified_40_rows_at_test_quarter_put_8_star_and_2_qso_in_test()
    {
        var classes = Classes(32, 8);

        var split = Splitter.Stratified(classes, _starQso, 0.0, 0.25, new Rng(7));

        Assert.Equal(8, split.Test.Count(r => classes[r] == 0));
        Assert.Equal(2, split.Test.Count(r => classes[r] == 1));
        Assert.Equal(30, split.Train.Length);
        Assert.Empty(split.Validation);
    }

    [Fact]
    public void F8_a_class_too_small_for_the_split_is_named_in_one_line()
    {
        var classes = Classes(19, 1);

        var error = Assert.Throws<DataException>(() => Splitter.Stratified(classes, _starQso, 0.0, 0.25, new Rng(7)));

        Assert.Contains("'QSO' (1 member, 2 needed)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("STAR", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Validation_part_raises_the_need_to_three_per_class()
    {
        var error = Assert.Throws<DataException>(
            () => Splitter.Stratified(Classes(30, 2), _starQso, 0.1, 0.2, new Rng(1)));

        Assert.Contains("'QSO' (2 members, 3 needed)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parts_are_disjoint_cover_all_rows_and_are_sorted()
    {
        var classes = Classes(70, 30);

        var split = Splitter.Stratified(classes, _starQso, 0.1, 0.2, new Rng(3));

        var all = split.Train.Concat(split.Validation).Concat(split.Test).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 100), all);
        Assert.Equal(split.Test.Order(), split.Test);
        Assert.Equal((14, 6), (split.Test.Count(r => classes[r] == 0), split.Test.Count(r => classes[r] == 1)));
        Assert.Equal((7, 3),
            (split.Validation.Count(r => classes[r] == 0), split.Validation.Count(r => classes[r] == 1)));
    }

    [Fact]
    public void Per_class_counts_round_halves_away_from_zero_and_keep_one_row()
    {
        // 10 STAR at 0.25 → 2.5 → 3 in test; 2 QSO at 0.25 → 0.5 → 1 in test, 1 left to train.
        var classes = Classes(10, 2);

        var split = Splitter.Stratified(classes, _starQso, 0.0, 0.25, new Rng(5));

        Assert.Equal(3, split.Test.Count(r => classes[r] == 0));
        Assert.Equal(1, split.Test.Count(r => classes[r] == 1));
        Assert.Equal(1, split.Train.Count(r => classes[r] == 1));
    }

    [Fact]
    public void Same_seed_gives_the_same_split_and_another_seed_another()
    {
        var classes = Classes(50, 50);

        var a = Splitter.Stratified(classes, _starQso, 0.1, 0.2, new Rng(11));
        var b = Splitter.Stratified(classes, _starQso, 0.1, 0.2, new Rng(11));
        var c = Splitter.Stratified(classes, _starQso, 0.1, 0.2, new Rng(12));

        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Validation, b.Validation);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Fact]
    public void Shuffled_split_for_regression_has_the_rounded_sizes()
    {
        var split = Splitter.Shuffled(1000, 0.1, 0.2, new Rng(2));

        Assert.Equal((700, 100, 200), (split.Train.Length, split.Validation.Length, split.Test.Length));
        Assert.Equal(Enumerable.Range(0, 1000), split.Train.Concat(split.Validation).Concat(split.Test).Order());
    }

    [Fact]
    public void Too_few_rows_for_a_stratified_split_is_a_data_error()
    {
        var error = Assert.Throws<DataException>(() => Splitter.Stratified([], _starQso, 0.0, 0.25, new Rng(2)));

        Assert.Contains("0 rows, 2 needed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_rows_for_a_shuffled_split_is_a_data_error()
    {
        var error = Assert.Throws<DataException>(() => Splitter.Shuffled(2, 0.1, 0.2, new Rng(2)));

        Assert.Contains("2 rows, 3 needed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1, 0.2)]
    [InlineData(0.5, 0.5)]
    [InlineData(0.0, 1.0)]
    [InlineData(double.NaN, 0.2)]
    public void Fractions_out_of_range_are_argument_errors(double validation, double test)
    {
        Assert.ThrowsAny<ArgumentException>(() => Splitter.Shuffled(100, validation, test, new Rng(1)));
    }
}
