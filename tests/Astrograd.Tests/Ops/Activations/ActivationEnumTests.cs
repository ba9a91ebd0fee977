namespace Astrograd.Tests.Ops.Activations;

public class ActivationEnumTests
{
    public static TheoryData<Activation> All => new(Enum.GetValues<Activation>());

    [Theory]
    [MemberData(nameof(All))]
    public void Apply_gives_the_same_values_and_gradients_as_the_named_op(Activation activation)
    {
        var x1 = Tensor.FromArray(new double[] { -2.5, -0.3, 0.4, 3 });
        var x2 = x1.Clone();
        x1.RequiresGrad = true;
        x2.RequiresGrad = true;

        var viaEnum = x1.Apply(activation);
        var direct = activation switch
        {
            Activation.Identity => x2.Identity(),
            Activation.Sigmoid => x2.Sigmoid(),
            Activation.Tanh => x2.Tanh(),
            Activation.Relu => x2.Relu(),
            Activation.LeakyRelu => x2.LeakyRelu(0.01),
            Activation.Elu => x2.Elu(1),
            Activation.Softplus => x2.Softplus(1, 20),
            Activation.Gelu => x2.Gelu(GeluApproximation.None),
            Activation.Silu => x2.Silu(),
            _ => throw new ArgumentOutOfRangeException(nameof(activation)),
        };
        viaEnum.Sum().Backward();
        direct.Sum().Backward();

        Assert.Equal(direct.ToArray(), viaEnum.ToArray());
        Assert.Equal(x2.Grad!.ToArray(), x1.Grad!.ToArray());
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Every_activation_parses_back_from_its_name(Activation activation)
    {
        var name = activation.ToName();

        Assert.Equal(activation, ActivationExtensions.Parse(name));
        Assert.Equal(activation, ActivationExtensions.Parse(name.ToUpperInvariant()));
        Assert.Equal(activation, ActivationExtensions.Parse(activation.ToString()));
    }

    [Theory]
    [InlineData("ReLU", Activation.Relu)]
    [InlineData("leaky_relu", Activation.LeakyRelu)]
    [InlineData("LeakyReLU", Activation.LeakyRelu)]
    [InlineData("leaky-relu", Activation.LeakyRelu)]
    [InlineData("GELU", Activation.Gelu)]
    [InlineData("linear", Activation.Identity)]
    [InlineData("Swish", Activation.Silu)]
    [InlineData("  tanh ", Activation.Tanh)]
    public void Parse_ignores_case_and_separators_and_knows_common_aliases(string name, Activation expected) =>
        Assert.Equal(expected, ActivationExtensions.Parse(name));

    [Fact]
    public void An_unknown_name_is_rejected_with_the_valid_names_listed()
    {
        var error = Assert.Throws<ArgumentException>(() => ActivationExtensions.Parse("relux"));

        Assert.Equal("name", error.ParamName);
        Assert.Contains("'relux'", error.Message);
        foreach (var valid in ActivationExtensions.Names)
        {
            Assert.Contains(valid, error.Message);
        }
    }

    [Theory]
    [InlineData("3")]
    [InlineData("")]
    [InlineData("softmax")]
    [InlineData(null)]
    public void TryParse_refuses_numbers_empty_names_and_non_elementwise_activations(string? name)
    {
        Assert.False(ActivationExtensions.TryParse(name, out _));
    }

    [Fact]
    public void Names_lists_one_name_per_enum_value_in_enum_order()
    {
        var values = Enum.GetValues<Activation>();

        Assert.Equal(values.Length, ActivationExtensions.Names.Count);
        Assert.Equal(values.Select(v => v.ToName()), ActivationExtensions.Names);
    }

    [Fact]
    public void An_undefined_enum_value_is_rejected_by_apply_and_to_name()
    {
        var x = Tensor.Ones<double>(2);
        var bogus = (Activation)42;

        Assert.Throws<ArgumentOutOfRangeException>(() => x.Apply(bogus));
        Assert.Throws<ArgumentOutOfRangeException>(() => bogus.ToName());
    }
}
