using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Lookups;
using Portal.Platform.Text;

namespace Portal.Platform.Setup;

/// <summary>
/// Idempotent reference data of a fresh install (identity.md §4, platform.md §6). Runs at every start; the roles,
/// sectors and grants are only created on an empty database so later edits by the firm are never undone.
/// </summary>
public static class ReferenceData
{
    public const string AdministratorRoleName = "Administrador";

    private static readonly string[] Colaborador =
    [
        "tasks.access", "tasks.create_other_sectors", "clients.view", "client_meetings.view", "client_meetings.manage",
        "closing.view", "announcements.view", "client_comms.view", "procedures.view", "consulting.view",
        "consulting.qa.create", "links.view", "manual.view", "courses.view", "rooms.book", "agenda.view",
    ];

    private static readonly string[] Gestor =
    [
        .. Colaborador, "tasks.view_all", "tasks.manage_any", "clients.create", "clients.edit", "clients.departments.edit",
        "clients.credentials.manage", "clients.credentials.reveal", "client_meetings.manage_any", "closing.edit",
        "closing.files", "agenda.manage", "agenda.manage_any", "announcements.manage", "announcements.read_receipts",
        "client_comms.manage", "procedures.manage", "links.manage", "courses.manage", "consulting.manage",
        "consulting.qa.manage_any",
    ];

    private static readonly string[] Diretor =
    [
        .. Gestor, "diretoria.hr", "diretoria.hr.delete", "diretoria.events", "billing.access", "billing.totals", "audit.view",
    ];

    private static readonly (string Name, string Color, string[] Grants)[] Sectors =
    [
        ("Fiscal", "#0d6efd", ["clients.departments.edit", "closing.edit", "closing.files"]),
        ("Contábil", "#198754", ["clients.departments.edit", "closing.edit", "closing.files"]),
        ("Pessoal", "#6f42c1", []),
        ("Societário", "#fd7e14", ["societario.access", "societario.manage"]),
        ("Financeiro", "#20c997", ["billing.access", "billing.payment_method", "billing.totals", "clients.departments.restricted.view"]),
        ("TI", "#6c757d", ["procedures.ti.view", "procedures.ti.manage"]),
        ("Administrativo", "#d63384", []),
    ];

    public static async Task EnsureAsync(PortalDb db, CancellationToken ct = default)
    {
        var firstInstall = !await db.Roles.AnyAsync(ct);
        if (!await db.Roles.AnyAsync(r => r.IsAdministrator, ct))
            db.Roles.Add(NewRole(AdministratorRoleName, "Acesso total ao portal.", 0, administrator: true));

        if (firstInstall)
        {
            AddRole(db, "Colaborador", "Acesso padrão de quem trabalha no escritório.", 10, Colaborador);
            AddRole(db, "Gestor", "Coordena setores: gerencia tarefas, clientes e conteúdos.", 20, Gestor);
            AddRole(db, "Diretor", "Diretoria: recursos humanos, faturamento e auditoria.", 30, Diretor);
            AddRole(db, "Somente Sala de Reuniões", "Apenas reserva de salas.", 40, ["rooms.book"]);
            var order = 0;
            foreach (var (name, color, grants) in Sectors)
            {
                var sector = new Sector { Name = name, NameNormalized = TextNormalizer.Key(name), Color = color, SortOrder = order += 10 };
                db.Sectors.Add(sector);
                foreach (var code in grants) db.PermissionGrants.Add(new PermissionGrant { PermissionCode = code, Sector = sector });
            }
        }

        if (!await db.LookupLists.AnyAsync(l => l.Key == "client_systems", ct))
        {
            var list = new LookupList { Key = "client_systems", Name = "Sistemas e consultorias usados pelos clientes", ManagePermission = Permissions.SettingsManage };
            var i = 0;
            foreach (var label in new[] { "IOB", "Acessórias", "Acesso ao SAT", "ITC", "Questor", "Econet", "Questor Net", "SIEG", "SIEG TAG" })
                list.Values.Add(new LookupValue { Code = TextNormalizer.Slug(label), Label = label, SortOrder = i += 10 });
            db.LookupLists.Add(list);
        }
        foreach (var (key, name, values) in DepartmentOptionLists)
            await EnsureListAsync(db, key, name, values, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Option groups of the client department profiles (clients.md §6); codes are the spec's, stable.</summary>
    private static readonly (string Key, string Name, (string Code, string Label)[] Values)[] DepartmentOptionLists =
    [
        ("client_dept_import_methods", "Departamentos – formas de importação",
        [
            ("entradas_sped", "Entradas – SPED"), ("entradas_xml", "Entradas – XML"), ("entradas_sat", "Entradas – SAT"),
            ("entradas_sieg", "Entradas – SIEG"), ("entradas_webservice", "Entradas – Webservice"), ("saidas_sped", "Saídas – SPED"),
            ("saidas_xml", "Saídas – XML"), ("saidas_sieg", "Saídas – SIEG"), ("nfce_sped", "NFC-e – SPED"),
            ("nfce_xml_sieg", "NFC-e – XML (SIEG)"), ("nfce_xml_cliente", "NFC-e – XML (cliente)"), ("nenhum", "Nenhum"),
        ]),
        ("client_dept_movement", "Departamentos – forma de movimento",
            [("digital", "Digital"), ("fisico", "Físico"), ("digital_fisico", "Digital e Físico")]),
        ("client_dept_digital_delivery", "Departamentos – envio digital",
            [("email", "E-mail"), ("whatsapp", "WhatsApp"), ("acessorias", "Acessórias"), ("google_chat", "Google Chat")]),
        ("client_dept_physical_delivery", "Departamentos – envio físico", [("malote", "Malote")]),
        ("client_dept_pouch_pickup", "Departamentos – coleta do malote",
            [("cliente_traz", "Cliente traz"), ("escritorio_busca", "Escritório busca")]),
        ("client_dept_accounting_import", "Departamentos – método de importação (contábil)",
            [("importado", "Importado"), ("digitado", "Digitado")]),
        ("client_dept_report_controls", "Departamentos – controle de relatórios",
        [
            ("fornecedores_clientes_cota_unica", "Fornecedores/clientes – cota única"), ("saldo_final_mes", "Saldo final do mês"),
            ("adiantamentos", "Adiantamentos"), ("contas_pagas", "Contas pagas"), ("contas_recebidas", "Contas recebidas"),
            ("conferir_aplicacao", "Conferir aplicação"),
        ]),
    ];

    private static async Task EnsureListAsync(PortalDb db, string key, string name, (string Code, string Label)[] values, CancellationToken ct)
    {
        if (await db.LookupLists.AnyAsync(l => l.Key == key, ct)) return;
        var list = new LookupList { Key = key, Name = name, ManagePermission = Permissions.SettingsManage };
        var order = 0;
        foreach (var (code, label) in values) list.Values.Add(new LookupValue { Code = code, Label = label, SortOrder = order += 10 });
        db.LookupLists.Add(list);
    }

    private static Role NewRole(string name, string description, int order, bool administrator = false) =>
        new() { Name = name, NameNormalized = TextNormalizer.Key(name), Description = description, SortOrder = order, IsAdministrator = administrator };

    private static void AddRole(PortalDb db, string name, string description, int order, string[] grants)
    {
        var role = NewRole(name, description, order);
        db.Roles.Add(role);
        foreach (var code in grants.Distinct()) db.PermissionGrants.Add(new PermissionGrant { PermissionCode = code, Role = role });
    }
}
