using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Validation;
using Portal.Platform.Web;

namespace Portal.Features.Clients.Pages;

public sealed record UserOption(long Id, string Name, bool IsActive);

/// <summary>One department's form on /clientes/{id}/departamentos; saved on its own (htmx) with its own version.</summary>
public sealed class ProfileForm
{
    public required long ClientId { get; init; }
    public required DepartmentType Type { get; init; }
    public required ProfileInput Input { get; init; }
    public required int Version { get; init; }
    public required IReadOnlyList<UserOption> Users { get; init; }
    public required IReadOnlyList<(long Id, string Name)> Contacts { get; init; }
    public required OptionLabels Options { get; init; }
    public FieldErrors Errors { get; init; } = new();
    public string? Message { get; init; }
    public bool Saved { get; init; }

    public string Id(string field) => $"{Type.Code}-{field}";
    public string Invalid(string field) => Errors.ContainsKey(field) ? " is-invalid" : "";
    public FieldFeedback Feedback(string field) => new(field, Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null, null);
    public bool Selected(OptionGroup group, string code) => Input.Options.GetValueOrDefault(group.Key)?.Contains(code) == true;
    public IEnumerable<OptionLabel> Choices(OptionGroup group) =>
        Options.Of(group.ListKey).Where(o => o.IsActive || Selected(group, o.Code));
}

/// <summary>/clientes/{id}/departamentos (clients.md §6, §8): one form per visible department type.</summary>
[RequirePermission(ClientPermissions.DepartmentsEdit)]
public sealed class ClientDepartmentsModel(PortalDb db, ClientDetails details, DepartmentProfiles profiles, CurrentUser currentUser) : PageModel
{
    public Client Client { get; private set; } = null!;
    public IReadOnlyList<ProfileForm> Forms { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var client = await details.LoadAsync(id);
        if (client is null) return NotFound();
        Client = client;
        var views = await details.ProfilesAsync(client, await currentUser.HasAsync(ClientPermissions.DepartmentsRestrictedView));
        var context = await ContextAsync(client, views.Select(v => v.Profile?.ResponsibleUserId));
        Forms = views.Select(v => Form(context, v.Type, DepartmentProfiles.ToInput(v.Profile), v.Profile?.Version ?? 0)).ToList();
        return Page();
    }

    /// <summary>Saves one department (htmx answers the form fragment; without JavaScript, Post/Redirect/Get).</summary>
    public async Task<IActionResult> OnPostSaveAsync(long id, string tipo, int version)
    {
        var client = await details.LoadAsync(id);
        if (client is null) return NotFound();
        var input = ReadInput();
        var result = await profiles.SaveAsync(id, tipo, input, version);
        if (result.Outcome == ProfileOutcome.NotFound) return NotFound();
        var htmx = Request.Headers.ContainsKey("HX-Request");
        var type = (await profiles.TypeAsync(tipo))!;
        if (result.Succeeded && !htmx)
        {
            TempData.Toast($"Perfil {type.Label} salvo.");
            return Redirect($"/clientes/{id}/departamentos#form-{type.Code}");
        }

        ProfileForm form;
        var context = await ContextAsync(client, [input.ResponsibleUserId, result.Profile?.ResponsibleUserId]);
        if (result.Succeeded)
        {
            form = Form(context, type, DepartmentProfiles.ToInput(result.Profile), result.Profile!.Version, saved: true);
            Response.Headers["HX-Trigger"] = System.Text.Json.JsonSerializer.Serialize(new { toast = new { message = $"Perfil {type.Label} salvo.", kind = "success" } });
        }
        else if (result.Outcome is ProfileOutcome.Conflict or ProfileOutcome.Exists)
        {
            var current = await profiles.LoadAsync(id, type.Id);
            form = Form(context, type, DepartmentProfiles.ToInput(current), current?.Version ?? 0, message: EditConflict.Message);
        }
        else
        {
            form = Form(context, type, input, version, errors: result.Errors, message: "Corrija os campos destacados.");
        }
        if (htmx) return Partial("_ProfileForm", form);
        Client = client;
        var views = await details.ProfilesAsync(client, await currentUser.HasAsync(ClientPermissions.DepartmentsRestrictedView));
        Forms = views.Select(v => v.Type.Id == type.Id ? form : Form(context, v.Type, DepartmentProfiles.ToInput(v.Profile), v.Profile?.Version ?? 0)).ToList();
        return Page();
    }

    private ProfileInput ReadInput()
    {
        var f = Request.Form;
        string? S(string name) => f[name].FirstOrDefault();
        var input = new ProfileInput
        {
            ResponsibleUserId = long.TryParse(S("ResponsibleUserId"), out var u) ? u : null,
            Description = S("Description"), Particularities = S("Particularities"),
            ContactIds = f["ContactIds"].Select(v => long.TryParse(v, out var c) ? c : -1).Where(c => c > 0).ToList(),
            MovementNotes = S("MovementNotes"), ImportNotes = S("ImportNotes"), ContactNotes = S("ContactNotes"),
            ReportControlNotes = S("ReportControlNotes"), PayrollSendDate = S("PayrollSendDate"),
            EmployeeRegistration = S("EmployeeRegistration"), TimeClock = S("TimeClock"), Payment = S("Payment"),
        };
        foreach (var group in DepartmentOptions.All)
        {
            var values = f["opt." + group.Key].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            if (values.Count > 0) input.Options[group.Key] = values;
        }
        return input;
    }

    private sealed record FormContext(long ClientId, IReadOnlyList<UserOption> Users, IReadOnlyList<(long, string)> Contacts, OptionLabels Options);

    private async Task<FormContext> ContextAsync(Client client, IEnumerable<long?> keepUsers)
    {
        var keep = keepUsers.OfType<long>().ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive || keep.Contains(u.Id)).OrderBy(u => u.FullName)
            .Select(u => new UserOption(u.Id, u.FullName, u.IsActive)).ToListAsync();
        return new FormContext(client.Id, users, client.Contacts.OrderBy(c => c.SortOrder).Select(c => (c.Id, c.Name)).ToList(), await details.OptionLabelsAsync());
    }

    private static ProfileForm Form(FormContext c, DepartmentType type, ProfileInput input, int version, FieldErrors? errors = null, string? message = null, bool saved = false) =>
        new()
        {
            ClientId = c.ClientId, Type = type, Input = input, Version = version, Users = c.Users, Contacts = c.Contacts, Options = c.Options,
            Errors = errors ?? new FieldErrors(), Message = message, Saved = saved,
        };
}
