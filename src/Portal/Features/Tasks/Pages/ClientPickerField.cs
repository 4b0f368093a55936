using Portal.Platform.Contracts;

namespace Portal.Features.Tasks.Pages;

/// <summary>
/// One client picker (_ClientPicker.cshtml): the hidden input <paramref name="Name"/> carries the id; <paramref name="Id"/>
/// prefixes the element ids. <paramref name="Value"/> without <paramref name="Selected"/> is an id the registry does
/// not know (typed by hand or deleted): shown as "Cliente #id" so it can be removed. <paramref name="ErrorSpan"/>: the
/// page renders "{Id}-erro" beside the picker (forms do; filters have no errors).
/// </summary>
public sealed record ClientPickerField(string Name, string Id, string Label, long? Value, ClientRef? Selected,
    bool Invalid = false, string? Help = null, bool ErrorSpan = true)
{
    public string? SelectedLabel => Value is not { } id ? null
        : Selected is { } c ? c.Label + (c.IsActive ? "" : " (inativo)") : $"Cliente #{id}";
}
