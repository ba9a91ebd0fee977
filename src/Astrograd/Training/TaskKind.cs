namespace Astrograd.Training;

/// <summary>What a network is trained to predict.</summary>
public enum TaskKind
{
    /// <summary>Two classes; one output logit, probability σ(logit) of class 1.</summary>
    Binary,

    /// <summary>K ≥ 3 classes; K output logits, probabilities by softmax.</summary>
    Multiclass,

    /// <summary>Real-valued targets, one output per target column.</summary>
    Regression,
}

/// <summary>The losses the command line offers.</summary>
public enum LossKind
{
    /// <summary>Absolute error (regression).</summary>
    L1,

    /// <summary>Squared error (regression).</summary>
    L2,

    /// <summary>Huber loss with δ = 1 (regression).</summary>
    Huber,

    /// <summary>Binary cross-entropy from a logit (binary classification).</summary>
    Bce,

    /// <summary>Cross-entropy from logits (multiclass classification).</summary>
    Ce,

    /// <summary>χ²: squared error over a known σ² per measurement (regression, needs --sigma).</summary>
    Chi2,

    /// <summary>Heteroscedastic Gaussian NLL: a mean and a log-variance per target (regression).</summary>
    GaussianNll,

    /// <summary>Heteroscedastic Student-t NLL with ν degrees of freedom (regression, robust).</summary>
    StudentT,
}
