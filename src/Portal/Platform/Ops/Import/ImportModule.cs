using Portal.Platform.Files;

namespace Portal.Platform.Ops.Import;

public static class ImportModule
{
    /// <summary>The import engine and the platform's own steps (identity, audit); features add theirs with
    /// <see cref="LegacyImportStepRegistration.AddLegacyImportStep{T}"/>.</summary>
    public static IServiceCollection AddLegacyImport(this IServiceCollection services)
    {
        services.AddSingleton<ImportProgress>();
        services.AddScoped<LegacyImporter>();
        services.AddScoped<LegacyHtml>();
        services.AddFileUseCase(LegacyHtml.LinkedFileUseCase);
        services.AddLegacyImportStep<IdentityImportStep>();
        services.AddLegacyImportStep<AuditImportStep>();
        return services;
    }
}
