using System.Runtime.CompilerServices;

// The benchmarks time the internal kernels directly, as the tests do.
[assembly: InternalsVisibleTo("Astrograd.Bench")]
