using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Astrograd.Kernels;

/// <summary>A kernel's work cut into parts that run on several threads at once.</summary>
internal abstract class ParallelJob
{
    /// <summary>Runs part <paramref name="part"/> of <paramref name="parts"/>; parts must not depend on each
    /// other's order or on which thread runs them.</summary>
    public abstract void RunPart(int part, int parts);
}

/// <summary>
/// A fixed team of worker threads, one per processor beyond the first, that run the parts of a kernel beside
/// the calling thread.
/// </summary>
/// <remarks>
/// Why not <see cref="Parallel.For(int, int, Action{int})"/>: between two products of a training step the
/// thread pool's workers go to sleep, and on a virtual machine a sleeping processor can take milliseconds to
/// wake. Measured on this project's 2-core VM, the second half of a 1024³ product started 1.5 to 4.8 ms after
/// the first (a half takes 8 ms), and two threads reached 0.65 of twice one thread's speed. These workers spin
/// for <see cref="SpinMilliseconds"/> after their last part, so the next product of a step finds them awake,
/// and only then block. Parts are claimed, not assigned: the caller and the workers take the next unclaimed
/// part until none is left, so a worker that wakes late finds the work done instead of holding the caller up.
/// The team serves one job at a time; a caller that finds it busy (another thread's job) runs its own parts
/// itself, one after the other. Either way every part runs exactly once.
/// </remarks>
internal static class KernelThreads
{
    /// <summary>How long an idle worker keeps polling for the next job before it blocks.</summary>
    public const double SpinMilliseconds = 2.0;

    private static readonly Lazy<Worker[]> _team = new(() =>
        [.. Enumerable.Range(1, Math.Max(0, Environment.ProcessorCount - 1)).Select(i => new Worker(i))]);

    private static readonly long _spinTicks = (long)(SpinMilliseconds * Stopwatch.Frequency / 1000);

    // The job's generation in the high 32 bits and its next unclaimed part in the low 32: a claim made for one
    // job can never take a part of the next.
    private static long _ticket;
    private static ParallelJob? _job;
    private static int _parts;
    private static int _completed;
    private static Exception? _error;
    private static int _busy;

    [ThreadStatic]
    private static bool _isWorker;

    /// <summary>Runs every part of <paramref name="job"/> on this thread and the team, when it is free; returns
    /// when all are done, rethrowing the first exception a part threw.</summary>
    public static void Run(ParallelJob job, int parts)
    {
        if (parts <= 1 || _isWorker || _team.Value.Length == 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (var part = 0; part < parts; part++)
            {
                job.RunPart(part, parts);
            }

            return;
        }

        try
        {
            (_job, _parts, _completed, _error) = (job, parts, 0, null);
            var generation = (int)(Volatile.Read(ref _ticket) >> 32) + 1;
            Interlocked.Exchange(ref _ticket, (long)generation << 32);
            foreach (var worker in _team.Value)
            {
                worker.Wake();
            }

            Help(generation);
            var spin = default(SpinWait);
            while (Volatile.Read(ref _completed) < parts)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            if (_error is { } error)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }
        }
        finally
        {
            _job = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    // Runs unclaimed parts of the job of this generation until none is left.
    private static void Help(int generation)
    {
        while (true)
        {
            var ticket = Volatile.Read(ref _ticket);
            if ((int)(ticket >> 32) != generation)
            {
                return;
            }

            var part = (int)ticket;
            if (part >= Volatile.Read(ref _parts))
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _ticket, ticket + 1, ticket) != ticket)
            {
                continue;
            }

            try
            {
                _job!.RunPart(part, _parts);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }

            Interlocked.Increment(ref _completed);
        }
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _wake = new(0);
        private int _sleeping;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"astrograd kernel {index}" };
            thread.Start();
        }

        public void Wake()
        {
            if (Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1)
            {
                _wake.Release();
            }
        }

        private void Loop()
        {
            _isWorker = true;
            var seen = 0;
            while (true)
            {
                seen = WaitForJob(seen);
                Help(seen);
            }
        }

        // Returns the generation of a job newer than `seen`: polls for a while, then sleeps until woken.
        private int WaitForJob(int seen)
        {
            var until = Stopwatch.GetTimestamp() + _spinTicks;
            while (true)
            {
                var generation = (int)(Volatile.Read(ref _ticket) >> 32);
                if (generation != seen)
                {
                    return generation;
                }

                if (Stopwatch.GetTimestamp() < until)
                {
                    Thread.SpinWait(20);
                    continue;
                }

                // Say we sleep, then look once more: a job started in between is either seen here or wakes us.
                Interlocked.Exchange(ref _sleeping, 1);
                if ((int)(Volatile.Read(ref _ticket) >> 32) == seen)
                {
                    _wake.Wait();
                }

                Interlocked.Exchange(ref _sleeping, 0);
                until = Stopwatch.GetTimestamp() + _spinTicks;
            }
        }
    }
}
