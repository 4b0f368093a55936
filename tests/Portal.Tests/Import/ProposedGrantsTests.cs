using Portal.Platform.Authorization;
using Portal.Platform.Ops.Import;

namespace Portal.Tests.Import;

/// <summary>operations.md §9.1 step 2: tags the original used as permission groups get the equivalent grants proposed.</summary>
public sealed class ProposedGrantsTests
{
    [Theory]
    [InlineData("Gestão", "agenda.manage")]
    [InlineData("Coord.", "agenda.manage_any")]
    [InlineData("Diretoria", "diretoria.hr")]
    [InlineData("Emissor NFe", "billing.access")]
    [InlineData("financeiro", "billing.access")]
    [InlineData("Reunião", "rooms.book")]
    public void Permission_group_tags_propose_their_grants(string tag, string expected) =>
        Assert.Contains(expected, LegacyAnalysis.ProposedGrants(tag));

    [Theory]
    [InlineData("Fiscal")]
    [InlineData("__personal__7")]
    [InlineData("Relatórios:inexistente")]
    public void Other_tags_and_unknown_codes_propose_nothing(string tag) => Assert.Empty(LegacyAnalysis.ProposedGrants(tag));

    [Fact]
    public void Only_permissions_the_portal_knows_are_proposed() =>
        Assert.All(new[] { "Gestão", "Diretoria", "Relatórios", "Relatórios:empresas", "Emissor NFe" }.SelectMany(LegacyAnalysis.ProposedGrants),
            code => Assert.True(Permissions.IsKnown(code), code));
}
