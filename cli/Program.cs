using Loosh.Cli;
using Loosh.Hosting;

var environment = SettingsSources.Merge(Environment.GetEnvironmentVariables(), SettingsSources.ReadDotEnv(".env"));
return await CliApp.RunAsync(args, environment, Console.Out, Console.Error);
