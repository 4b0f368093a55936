namespace Portal.Platform.Files;

public static class FilesModule
{
    /// <summary>Local-disk storage, the upload service and the platform's own use cases (logo).</summary>
    public static IServiceCollection AddPortalFiles(this IServiceCollection services)
    {
        services.AddSingleton<LocalFileStorage>();
        services.AddSingleton<IFileStorage>(sp => sp.GetRequiredService<LocalFileStorage>());
        services.AddScoped<FileUploads>();
        services.AddFileUseCase(PlatformFileUseCases.LogoUseCase);
        return services;
    }
}
