namespace Portal.Platform.RichText;

public static class RichTextModule
{
    /// <summary>The sanitizer (stateless, shared) and the save-time service with image extraction (per request).</summary>
    public static IServiceCollection AddPortalRichText(this IServiceCollection services)
    {
        services.AddSingleton(RichTextSanitizer.Instance);
        services.AddScoped<EditorImages>();
        services.AddScoped<RichText>();
        return services;
    }
}
