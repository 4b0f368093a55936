namespace Portal.Platform.Ops.Import;

/// <summary>
/// One module's part of the import (operations.md §9.3). Each feature brings its own tables in its own folder and
/// registers the step with <c>services.AddLegacyImportStep&lt;T&gt;()</c>, so later modules extend the importer without
/// the engine knowing their entities. Steps run by <see cref="Order"/>; earlier steps' rows are found through the
/// context's id map (e.g. the tasks step looks up users and tag sectors).
/// </summary>
public interface ILegacyImportStep
{
    int Order { get; }

    Task RunAsync(LegacyImportContext ctx, CancellationToken ct);
}

public static class LegacyImportStepRegistration
{
    public static IServiceCollection AddLegacyImportStep<T>(this IServiceCollection services) where T : class, ILegacyImportStep =>
        services.AddScoped<ILegacyImportStep, T>();
}
