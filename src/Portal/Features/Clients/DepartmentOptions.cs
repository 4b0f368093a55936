namespace Portal.Features.Clients;

/// <summary>
/// One choice group of a department profile (clients.md §6). <see cref="ListKey"/> is the lookup list its options come
/// from (seeded by Platform/Setup/ReferenceData, editable under Administração › Listas).
/// </summary>
public sealed record OptionGroup(string Key, string ListKey, string Label, bool Multiple, DepartmentFieldSet[] FieldSets)
{
    public bool AppliesTo(DepartmentFieldSet set) => FieldSets.Contains(set);
}

/// <summary>The choice groups and the codes whose meaning the rules rely on.</summary>
public static class DepartmentOptions
{
    public const string SystemsListKey = "client_systems";
    public const string NoneCode = "nenhum";
    public const string NoneCombined = "'Nenhum' não pode ser combinado com outras opções.";
    public const string RequiredForDigital = "Informe o envio digital (o movimento inclui Digital).";
    public const string RequiredForPhysical = "Informe o envio físico (o movimento inclui Físico).";
    public const string RequiredForPouch = "Informe a coleta do malote.";
    public const string UnknownOption = "Opção inválida.";
    public const string SingleOnly = "Escolha apenas uma opção.";

    private static readonly DepartmentFieldSet[] FiscalOnly = [DepartmentFieldSet.Fiscal];
    private static readonly DepartmentFieldSet[] FiscalContabil = [DepartmentFieldSet.Fiscal, DepartmentFieldSet.Contabil];
    private static readonly DepartmentFieldSet[] ContabilOnly = [DepartmentFieldSet.Contabil];

    public static readonly OptionGroup ImportMethods = new("import_methods", "client_dept_import_methods", "Formas de importação", true, FiscalOnly);
    public static readonly OptionGroup Movement = new("movement", "client_dept_movement", "Forma de movimento", false, FiscalContabil);
    public static readonly OptionGroup DigitalDelivery = new("digital_delivery", "client_dept_digital_delivery", "Envio digital", true, FiscalContabil);
    public static readonly OptionGroup PhysicalDelivery = new("physical_delivery", "client_dept_physical_delivery", "Envio físico", true, FiscalContabil);
    public static readonly OptionGroup PouchPickup = new("pouch_pickup", "client_dept_pouch_pickup", "Coleta do malote", false, FiscalContabil);
    public static readonly OptionGroup AccountingImport = new("accounting_import", "client_dept_accounting_import", "Método de importação", true, ContabilOnly);
    public static readonly OptionGroup ReportControls = new("report_controls", "client_dept_report_controls", "Controle de relatórios", true, ContabilOnly);

    public static readonly IReadOnlyList<OptionGroup> All =
        [ImportMethods, Movement, DigitalDelivery, PhysicalDelivery, PouchPickup, AccountingImport, ReportControls];

    public static OptionGroup? Find(string key) => All.FirstOrDefault(g => g.Key == key);

    public static IEnumerable<OptionGroup> For(DepartmentFieldSet set) => All.Where(g => g.AppliesTo(set));

    public static bool MovementIncludesDigital(string? code) => code is "digital" or "digital_fisico";

    public static bool MovementIncludesPhysical(string? code) => code is "fisico" or "digital_fisico";

    public const string PouchCode = "malote";
}
