using System.Globalization;
using Astrograd.Fuzz;
using SharpFuzz;

// astrograd-fuzz TARGET               : one AFL++ run (SharpFuzz's fork server), input on stdin
// astrograd-fuzz TARGET FILE|DIR ...  : replay files (AFL's crashes, a corpus) and say what each gave
// astrograd-fuzz seed DIR             : write a small valid input per target into DIR/<target>/
if (args.Length == 0 || (args[0] != "seed" && !FuzzTargets.Names.Contains(args[0])))
{
    Console.Error.WriteLine($"usage: astrograd-fuzz {{{string.Join('|', FuzzTargets.Names)}}} [FILE|DIR ...] | " +
        "seed DIR");
    return 2;
}

if (args[0] == "seed")
{
    Seeds.Write(args.Length > 1 ? args[1] : "seeds");
    return 0;
}

var target = FuzzTargets.Get(args[0]);
if (args.Length == 1)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        try
        {
            target(ReadAll(stream));
        }
        catch (ExpectedRefusal)
        {
            // The reader said no in its own words: what a bad input must get.
        }
    });
    return 0;
}

// Replay: one line per file; exit 1 when any input broke the property.
var files = args.Skip(1).SelectMany(a => Directory.Exists(a) ? Directory.GetFiles(a) : [a]).Order().ToList();
var broken = 0;
foreach (var file in files)
{
    try
    {
        target(File.ReadAllBytes(file));
        Console.WriteLine($"ok       {file}");
    }
    catch (ExpectedRefusal refusal)
    {
        Console.WriteLine($"refused  {file}: {refusal.Message}");
    }
    catch (Exception e)
    {
        broken++;
        Console.WriteLine($"CRASH    {file}: {e.GetType().Name}: {e.Message}");
        Console.WriteLine(e.StackTrace);
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Count} inputs, {broken} crashes"));
return broken == 0 ? 0 : 1;

static byte[] ReadAll(Stream stream)
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    return copy.ToArray();
}
