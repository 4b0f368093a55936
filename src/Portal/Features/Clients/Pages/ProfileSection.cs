namespace Portal.Features.Clients.Pages;

/// <summary>One department section of the record (read only).</summary>
public sealed record ProfileSection(ProfileView View, OptionLabels Options, bool CanEdit, long ClientId)
{
    public IReadOnlyList<string> Selected(OptionGroup group) =>
        View.Profile?.Options.Where(o => o.Group == group.Key).Select(o => Options.Label(group.ListKey, o.OptionCode)).ToList() ?? [];
}
