using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Astrograd.Kernels;

/// <summary>A kernel's work cut into parts that run on several threads at once.</summary>
internal abstract class ParallelJob
{
    /// <summary>Runs part <paramref name="part"/> of <paramref name="parts"/>; parts must not depend on each
    /// other's order.</summary>
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
/// the first (the product takes 8 ms a half), and two threads reached 0.65 of twice one thread's speed. These
/// workers spin for <see cref="SpinMilliseconds"/> after each part, so the next product of a step finds them
/// awake, and only then block. The team serves one product at a time: a caller that finds it busy (another
/// thread's product) runs its own parts itself, one after the other, which gives the same bits.
/// </remarks>
internal static class KernelThreads
{
    /// <summary>How long an idle worker keeps polling for the next part before it blocks.</summary>
    public const double SpinMilliseconds = 2.0;

    private static readonly Lazy<Worker[]> _team = new(() =>
        [.. Enumerable.Range(1, Math.Max(0, Environment.ProcessorCount - 1)).Select(i => new Worker(i))]);

    private static int _busy;

    [ThreadStatic]
    private static bool _isWorker;

    /// <summary>Runs every part of <paramref name="job"/>: part 0 on this thread and the others on the team,
    /// when it is free; returns when all are done, rethrowing the first part's exception.</summary>
    public static void Run(ParallelJob job, int parts)
    {
        if (parts <= 1 || _isWorker || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            RunAlone(job, parts);
            return;
        }

        try
        {
            var team = _team.Value;
            var helpers = Math.Min(parts - 1, team.Length);
            for (var i = 0; i < helpers; i++)
            {
                team[i].Start(job, i + 1, parts);
            }

            Exception? error = null;
            try
            {
                job.RunPart(0, parts);
                for (var part = helpers + 1; part < parts; part++)
                {
                    job.RunPart(part, parts);
                }
            }
            catch (Exception e)
            {
                error = e;
            }

            for (var i = 0; i < helpers; i++)
            {
                error ??= team[i].Finish();
            }

            if (error is not null)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static void RunAlone(ParallelJob job, int parts)
    {
        for (var part = 0; part < Math.Max(parts, 1); part++)
        {
            job.RunPart(part, parts);
        }
    }

    private sealed class Worker
    {
        private const int Idle = 0;
        private const int Assigned = 1;
        private const int Done = 2;

        private static readonly long _spinTicks = (long)(SpinMilliseconds * Stopwatch.Frequency / 1000);

        private readonly SemaphoreSlim _wake = new(0);
        private ParallelJob? _job;
        private int _part;
        private int _parts;
        private Exception? _error;
        private int _state = Idle;
        private int _sleeping;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"astrograd kernel {index}" };
            thread.Start();
        }

        public void Start(ParallelJob job, int part, int parts)
        {
            (_job, _part, _parts, _error) = (job, part, parts, null);
            Volatile.Write(ref _state, Assigned);
            if (Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1)
            {
                _wake.Release();
            }
        }

        /// <summary>Waits for the part given to <see cref="Start"/>; returns its exception, if any.</summary>
        public Exception? Finish()
        {
            var spin = default(SpinWait);
            while (Volatile.Read(ref _state) != Done)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            Volatile.Write(ref _state, Idle);
            return _error;
        }

        private void Loop()
        {
            _isWorker = true;
            while (true)
            {
                WaitForPart();
                try
                {
                    _job!.RunPart(_part, _parts);
                }
                catch (Exception e)
                {
                    _error = e;
                }

                _job = null;
                Volatile.Write(ref _state, Done);
            }
        }

        private void WaitForPart()
        {
            var until = Stopwatch.GetTimestamp() + _spinTicks;
            while (Volatile.Read(ref _state) != Assigned)
            {
                if (Stopwatch.GetTimestamp() < until)
                {
                    Thread.SpinWait(20);
                    continue;
                }

                // Say we sleep, then look once more: a part given in between is either seen here or wakes us.
                Interlocked.Exchange(ref _sleeping, 1);
                if (Volatile.Read(ref _state) != Assigned)
                {
                    _wake.Wait();
                }

                Interlocked.Exchange(ref _sleeping, 0);
                until = Stopwatch.GetTimestamp() + _spinTicks;
            }
        }
    }
}
