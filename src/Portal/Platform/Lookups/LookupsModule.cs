namespace Portal.Platform.Lookups;

public static class LookupsModule
{
    /// <summary>The lookup service; usage checks (<see cref="ILookupUsage"/>) are added by the modules that reference values.</summary>
    public static IServiceCollection AddPortalLookups(this IServiceCollection services)
    {
        services.AddScoped<LookupService>();
        return services;
    }
}
