using System.Reflection;
using NetArchTest.Rules;

namespace Portal.Tests.Platform;

/// <summary>ARCHITECTURE.md §1: features use Platform and each other's public contracts only, never internals.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly App = typeof(Portal.Platform.PlatformModule).Assembly;

    private static IEnumerable<string> Features() =>
        App.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("Portal.Features.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[2]).Distinct();

    [Fact]
    public void Platform_does_not_depend_on_features()
    {
        var result = Types.InAssembly(App).That().ResideInNamespace("Portal.Platform")
            .ShouldNot().HaveDependencyOnAny("Portal.Features").GetResult();
        Assert.True(result.IsSuccessful, "Platform → Features: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Features_do_not_reference_other_features_pages_or_internals()
    {
        var features = Features().ToList();
        Assert.Contains("Account", features);
        foreach (var feature in features)
        {
            // Another feature's page models and entities are internals; a feature may only use another feature's
            // root namespace contracts (interfaces/events) — none exist yet, so nothing crosses today.
            var others = features.Where(f => f != feature).Select(f => $"Portal.Features.{f}").ToArray();
            var result = Types.InAssembly(App).That().ResideInNamespace($"Portal.Features.{feature}")
                .ShouldNot().HaveDependencyOnAny(others).GetResult();
            Assert.True(result.IsSuccessful, $"{feature} → other features: " + string.Join(", ", result.FailingTypeNames ?? []));
        }
    }
}
