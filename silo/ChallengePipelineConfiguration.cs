using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Recording;
using Loosh.Evaluation.Scoring;
using Loosh.Grains.Challenges;
using Loosh.Grains.Delivery;
using Loosh.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Loosh.Silo;

/// <summary>
/// The services a challenge needs from arrival to result: the evaluator and its model, the results step, the outbox
/// delivery (the outbox itself and the clients come from AddValidatorClients).
/// </summary>
public static class ChallengePipelineConfiguration
{
    public static IServiceCollection AddChallengePipeline(this IServiceCollection services, ValidatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.Configure<ChallengePipelineOptions>(options =>
        {
            options.Netuid = settings.Netuid;
            options.ChallengeTimeout = settings.ChallengeTimeout;
            // The original protocol (pull) calls miners over plain HTTP, the 1.2.x protocol (push) over Fiber.
            options.UseFiber = settings.ChallengeMode == ChallengeIntake.Push;
            options.TestMode = settings.TestMode;
            options.HeatmapEnabled = settings.HeatmapEnabled;
        });

        // One model per silo: every challenge on it shares the embedder's batching queue (evaluation.md §2).
        services.TryAddSingleton<ITextEmbedder>(_ => OnnxTextEmbedder.Create(new EmbedderOptions
        {
            ModelDirectory = settings.EmbeddingModelPath,
            IntraOpNumThreads = settings.EmbeddingThreads,
        }));
        services.TryAddSingleton(provider => new ChallengeEvaluator(
            provider.GetRequiredService<ITextEmbedder>(), ScoringProfile.Parse(settings.ScoringProfile)));
        services.TryAddSingleton(provider => new NarrativeGenerator(
            new HttpClient(),
            new NarrativeOptions
            {
                Enabled = settings.NarrativeEnabled,
                Url = settings.LlmApiUrl ?? NarrativeOptions.DefaultUrl,
                Model = settings.LlmModel ?? string.Empty,
                ApiKey = settings.LlmApiKey,
            },
            provider.GetRequiredService<ILogger<NarrativeGenerator>>()));

        services.TryAddSingleton<OutboxDelivery>();
        services.TryAddSingleton<ChallengeResults>();
        services.AddHostedService<OutboxPump>();
        return services;
    }
}
