using System.Collections.Concurrent;
using Astrograd.Kernels;

namespace Astrograd.Tests.Kernels;

public class KernelThreadsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Every_part_runs_exactly_once(int parts)
    {
        for (var round = 0; round < 50; round++)
        {
            var job = new CountingJob(parts);

            KernelThreads.Run(job, parts);

            Assert.All(job.Runs, count => Assert.Equal(1, count));
        }
    }

    [Fact]
    public void A_part_that_throws_is_rethrown_on_the_caller_after_every_part_ends()
    {
        var job = new CountingJob(2) { Throwing = 1 };

        var error = Assert.Throws<InvalidOperationException>(() => KernelThreads.Run(job, 2));

        Assert.Equal("part 1 failed", error.Message);
        Assert.All(job.Runs, count => Assert.Equal(1, count));

        // The team is free again afterwards.
        var next = new CountingJob(2);
        KernelThreads.Run(next, 2);
        Assert.All(next.Runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Callers_on_many_threads_at_once_each_get_all_their_parts_run()
    {
        var failures = new ConcurrentBag<string>();

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var job = new CountingJob(3);
            KernelThreads.Run(job, 3);
            if (job.Runs.Any(count => count != 1))
            {
                failures.Add($"caller {i}: {string.Join(",", job.Runs)}");
            }
        });

        Assert.Empty(failures);
    }

    [Fact]
    public void A_part_that_starts_its_own_parallel_job_runs_that_job_itself()
    {
        var inner = new ConcurrentBag<CountingJob>();
        var outer = new DelegateJob(_ =>
        {
            var job = new CountingJob(2);
            KernelThreads.Run(job, 2);
            inner.Add(job);
        });

        KernelThreads.Run(outer, 2);

        Assert.Equal(2, inner.Count);
        Assert.All(inner, job => Assert.All(job.Runs, count => Assert.Equal(1, count)));
    }

    private sealed class CountingJob(int parts) : ParallelJob
    {
        public int[] Runs { get; } = new int[parts];

        public int Throwing { get; init; } = -1;

        public override void RunPart(int part, int parts)
        {
            Interlocked.Increment(ref Runs[part]);
            if (part == Throwing)
            {
                throw new InvalidOperationException($"part {part} failed");
            }
        }
    }

    private sealed class DelegateJob(Action<int> body) : ParallelJob
    {
        public override void RunPart(int part, int parts) => body(part);
    }
}
