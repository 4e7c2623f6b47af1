using System.Runtime.InteropServices;
using Loosh.Devnet;

using var stop = new CancellationTokenSource();
// SIGTERM as well as Ctrl-C: the miners' web host takes SIGTERM for itself, which would leave this process running.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await DevnetCommand.RunAsync(args, Console.Out, Console.Error, stop.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
