using Astrograd.Training;

namespace Astrograd.Tests.Training;

/// <summary>The second Ctrl-C quits at once, except in the middle of a step that must not be cut in half.</summary>
public sealed class StopSignalTests
{
    [Fact]
    public void A_quit_waits_for_an_uninterrupted_step_in_progress()
    {
        var stop = new StopSignal();
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var steps = new List<string>();
        var step = new Thread(() => stop.Uninterrupted(() =>
        {
            inside.Set();
            release.Wait();
            lock (steps)
            {
                steps.Add("step done");
            }
        }));
        step.Start();
        inside.Wait();

        var quit = new Thread(() => stop.QuitBetweenSteps(() =>
        {
            lock (steps)
            {
                steps.Add("quit");
            }
        }));
        quit.Start();
        Assert.False(quit.Join(TimeSpan.FromMilliseconds(200)), "the quit ran while the step was in progress");
        release.Set();
        step.Join();
        quit.Join();

        Assert.Equal(["step done", "quit"], steps);
    }

    [Fact]
    public void A_quit_between_steps_runs_at_once()
    {
        var stop = new StopSignal();
        var quit = false;

        stop.QuitBetweenSteps(() => quit = true);

        Assert.True(quit);
    }
}
