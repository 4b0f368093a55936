namespace Portal.Platform.Setup;

/// <summary>
/// The rest of the demo firm for `--scale large`: with <see cref="DemoData"/>'s 9 people, 60 users in 8 sectors.
/// Permissions come only from roles and sector grants (Gestor and Diretor carry tasks.view_all/tasks.manage_any).
/// </summary>
internal static class LargeDemoPeople
{
    public const string ExtraSector = "Legalização";
    public const string ExtraSectorColor = "#0dcaf0";

    public static readonly (string Name, string Role, string[] Sectors)[] People =
    [
        ("Luciana Prado", "Gestor", ["Pessoal", "Societário"]),
        ("Alexandre Brandão", "Gestor", ["Financeiro", ExtraSector]),
        ("Regina Albuquerque", "Diretor", ["Administrativo"]),
        ("Tânia Lacerda", "Somente Sala de Reuniões", []),

        ("Juliana Ribeiro", "Colaborador", ["Fiscal"]), ("Rafael Nascimento", "Colaborador", ["Fiscal"]),
        ("Camila Araújo", "Colaborador", ["Fiscal"]), ("Thiago Barbosa", "Colaborador", ["Fiscal"]),
        ("Larissa Cardoso", "Colaborador", ["Fiscal"]), ("Bruno Teixeira", "Colaborador", ["Fiscal"]),
        ("Patrícia Moreira", "Colaborador", ["Fiscal"]), ("Leonardo Correia", "Colaborador", ["Fiscal"]),
        ("Vanessa Pinto", "Colaborador", ["Fiscal"]), ("Gustavo Rocha", "Colaborador", ["Fiscal"]),
        ("Aline Freitas", "Colaborador", ["Fiscal"]), ("Marcelo Dias", "Colaborador", ["Fiscal", "Contábil"]),

        ("Renata Gomes", "Colaborador", ["Contábil"]), ("André Carvalho", "Colaborador", ["Contábil"]),
        ("Beatriz Martins", "Colaborador", ["Contábil"]), ("Rodrigo Lopes", "Colaborador", ["Contábil"]),
        ("Fernanda Almeida", "Colaborador", ["Contábil"]), ("Eduardo Souza", "Colaborador", ["Contábil"]),
        ("Tatiane Fernandes", "Colaborador", ["Contábil"]), ("Diego Pereira", "Colaborador", ["Contábil"]),
        ("Priscila Castro", "Colaborador", ["Contábil"]), ("Vinícius Mendes", "Colaborador", ["Contábil"]),
        ("Letícia Ramos", "Colaborador", ["Contábil", "Financeiro"]),

        ("Mariana Costa", "Colaborador", ["Pessoal"]), ("João Pedro Santos", "Colaborador", ["Pessoal"]),
        ("Débora Cunha", "Colaborador", ["Pessoal"]), ("Lucas Monteiro", "Colaborador", ["Pessoal"]),
        ("Natália Vieira", "Colaborador", ["Pessoal"]), ("Henrique Batista", "Colaborador", ["Pessoal"]),
        ("Jéssica Farias", "Colaborador", ["Pessoal"]), ("Simone Barros", "Colaborador", ["Pessoal", "Administrativo"]),

        ("Cláudia Antunes", "Colaborador", ["Societário"]), ("Otávio Guimarães", "Colaborador", ["Societário"]),
        ("Helena Duarte", "Colaborador", ["Societário", ExtraSector]),

        ("Roberta Nunes", "Colaborador", ["Financeiro"]), ("Sérgio Machado", "Colaborador", ["Financeiro"]),
        ("Lívia Campos", "Colaborador", ["Financeiro"]), ("Márcio Reis", "Colaborador", ["Financeiro"]),

        ("Daniela Moura", "Colaborador", [ExtraSector]), ("Fábio Tavares", "Colaborador", [ExtraSector]),
        ("Isabela Rezende", "Colaborador", [ExtraSector]), ("Caio Fonseca", "Colaborador", [ExtraSector]),

        ("Igor Sampaio", "Colaborador", ["TI"]), ("Yasmin Leal", "Colaborador", ["TI"]),

        ("Elaine Pires", "Colaborador", ["Administrativo"]), ("Roberto Siqueira", "Colaborador", ["Administrativo"]),
        ("Cristina Viana", "Colaborador", ["Administrativo"]),
    ];

    /// <summary>"joao.santos": first and last name, lower case, no accents.</summary>
    public static string Username(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Text.TextNormalizer.Slug(parts[0]) + "." + Text.TextNormalizer.Slug(parts[^1]);
    }
}
