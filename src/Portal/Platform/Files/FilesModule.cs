namespace Portal.Platform.Files;

public static class FilesModule
{
    /// <summary>
    /// Local-disk storage, uploads and downloads, the orphan sweep, and the platform's own use cases (logo, editor
    /// images) and read rule (editor images). Modules add theirs with <see cref="FileUseCaseExtensions.AddFileUseCase"/>
    /// and <see cref="FileReadAccessExtensions.AddFileReadAccess{T}"/>.
    /// </summary>
    public static IServiceCollection AddPortalFiles(this IServiceCollection services)
    {
        services.AddSingleton<LocalFileStorage>();
        services.AddSingleton<IFileStorage>(sp => sp.GetRequiredService<LocalFileStorage>());
        services.AddScoped<FileUploads>();
        services.AddScoped<FileDownloads>();
        services.AddScoped<OrphanFileSweeper>();
        services.AddSingleton<UploadRateLimiter>();
        services.AddHostedService<OrphanFileSweepJob>();
        services.AddFileUseCase(PlatformFileUseCases.LogoUseCase);
        services.AddFileUseCase(PlatformFileUseCases.EditorImageUseCase);
        services.AddFileReadAccess<EditorImageReadAccess>();
        return services;
    }
}
