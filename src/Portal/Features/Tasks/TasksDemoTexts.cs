using Portal.Platform.Text;

namespace Portal.Features.Tasks;

/// <summary>
/// pt-BR wording of the generated tasks: what each sector of an accounting firm really does, so boards, filters and
/// text search behave on the demo data as on a firm's. Company names are fictional text only (no client records).
/// </summary>
internal static class TasksDemoTexts
{
    /// <summary>{0} = competência (MM/yyyy), {1} = company.</summary>
    private static readonly Dictionary<string, string[]> TitlesBySector = new()
    {
        ["FISCAL"] =
        [
            "Apuração do ICMS {0} – {1}", "Apuração de PIS/COFINS {0} – {1}", "Transmitir EFD ICMS/IPI {0} – {1}",
            "Transmitir EFD-Contribuições {0} – {1}", "DCTFWeb {0} – {1}", "Emitir guia do DAS {0} – {1}",
            "Conferir notas fiscais de entrada {0} – {1}", "Escrituração de notas de serviço {0} – {1}",
            "Apuração do ISS {0} – {1}", "DeSTDA {0} – {1}", "Parcelamento de débitos do Simples – {1}",
            "Responder intimação da SEFAZ – {1}", "Revisar CFOP das notas de saída {0} – {1}", "GIA {0} – {1}",
            "Calcular DIFAL {0} – {1}", "Retificar SPED Fiscal {0} – {1}",
        ],
        ["CONTABIL"] =
        [
            "Conciliação bancária {0} – {1}", "Fechamento contábil {0} – {1}", "Lançar extratos {0} – {1}",
            "Balancete {0} – {1}", "Conciliar contas a receber {0} – {1}", "Apurar IRPJ/CSLL {0} – {1}",
            "Depreciação do imobilizado {0} – {1}", "Transmitir ECD – {1}", "Transmitir ECF – {1}",
            "DRE e balanço para o banco – {1}", "Classificar despesas {0} – {1}", "Provisão de férias e 13º {0} – {1}",
        ],
        ["PESSOAL"] =
        [
            "Folha de pagamento {0} – {1}", "Admissão de funcionário – {1}", "Rescisão contratual – {1}",
            "Calcular férias – {1}", "Eventos do eSocial {0} – {1}", "FGTS Digital {0} – {1}", "Pró-labore {0} – {1}",
            "13º salário – {1}", "Guia do INSS {0} – {1}", "Atualizar convenção coletiva – {1}",
            "Afastamento por doença – {1}", "Ponto eletrônico {0} – {1}",
        ],
        ["SOCIETARIO"] =
        [
            "Alteração contratual – {1}", "Abertura de empresa – {1}", "Baixa de empresa – {1}",
            "Transformação para LTDA – {1}", "Ata de assembleia – {1}", "Inclusão de sócio – {1}",
            "Consolidação do contrato social – {1}", "Distrato social – {1}",
        ],
        ["FINANCEIRO"] =
        [
            "Emitir boletos de honorários {0}", "Cobrança de honorários em atraso – {1}", "Conciliar recebimentos {0}",
            "Reajuste anual de honorários – {1}", "Pagar fornecedores {0}", "Nota fiscal de honorários {0} – {1}",
            "Renegociar contrato – {1}",
        ],
        ["LEGALIZACAO"] =
        [
            "Renovar alvará de funcionamento – {1}", "Licença sanitária – {1}", "Certificado do Corpo de Bombeiros – {1}",
            "Inscrição estadual – {1}", "Inscrição municipal – {1}", "Certidão negativa de débitos – {1}",
            "Renovar certificado digital – {1}", "Cadastro na prefeitura – {1}",
        ],
        ["TI"] =
        [
            "Instalar certificado digital – {1}", "Backup do servidor {0}", "Trocar toner da impressora do 2º andar",
            "Liberar acesso ao sistema contábil", "Atualizar antivírus das estações", "Configurar e-mail de novo colaborador",
            "Revisar permissões da pasta de clientes", "Computador lento na recepção",
        ],
        ["ADMINISTRATIVO"] =
        [
            "Comprar material de escritório", "Agendar manutenção do ar-condicionado", "Renovar contrato de aluguel",
            "Organizar arquivo morto", "Contratar serviço de limpeza", "Pagar contas do escritório {0}",
            "Protocolar documentos no cartório – {1}", "Enviar malote {0}",
        ],
    };

    private static readonly string[] GenericTitles =
    [
        "Verificar pendências {0} – {1}", "Atender solicitação do cliente – {1}", "Revisar documentação – {1}",
        "Conferir relatório {0} – {1}",
    ];

    private static readonly string[] SubtaskTitles =
    [
        "Solicitar documentos ao cliente", "Conferir valores", "Revisar antes de transmitir", "Enviar ao cliente",
        "Arquivar comprovantes", "Aprovar com o gestor", "Emitir guias", "Digitalizar documentos", "Conferir cadastro",
        "Protocolar", "Responder e-mail do cliente", "Atualizar planilha de controle",
    ];

    private static readonly string[] PrivateTitles =
    [
        "Ligar para o contador do cliente", "Estudar nova regra do IBS/CBS", "Organizar minha caixa de e-mail",
        "Lembrar de pedir férias", "Revisar minhas anotações da reunião", "Terminar curso de Excel avançado",
        "Separar documentos para o gestor", "Preparar apresentação", "Conferir meu ponto do mês", "Renovar CNH",
    ];

    public static readonly string[] Companies =
    [
        "Padaria Pão Dourado", "Mercadinho Boa Vista", "Auto Peças Rodovia", "Clínica Sorriso", "Construtora Horizonte",
        "Transportadora Rápida Sul", "Farmácia Vida", "Restaurante Sabor Mineiro", "Oficina São José", "Loja Estilo & Moda",
        "Escola Pequeno Príncipe", "Pet Shop Amigo Fiel", "Academia Corpo em Forma", "Distribuidora Central",
        "Gráfica Expressa", "Consultório Dr. Lima", "Imobiliária Lar Feliz", "Agropecuária Campo Verde",
        "Materiais de Construção Alicerce", "Sorveteria Gelato", "Hotel Serra Azul", "Nuvem Tecnologia", "Café Grão Nobre",
        "Eletrônica Faísca", "Papelaria Lápis de Cor", "Marmoraria Pedra Fina", "Vidraçaria Cristal",
        "Laboratório Análise", "Ótica Visão Clara", "Supermercado Família", "Açougue Boi de Ouro", "Floricultura Primavera",
        "Lavanderia Água Limpa", "Buffet Festa Boa", "Salão Beleza Pura", "Móveis Aconchego", "Metalúrgica Aço Forte",
        "Pousada Mar Azul", "Contabilize Consultoria", "Cerâmica São João",
    ];

    private static readonly string[] Descriptions =
    [
        "Conferir as notas de entrada e saída antes de transmitir. Documentos na pasta do cliente.",
        "Cliente pediu prioridade: o banco exige o documento até o fim da semana.",
        "Usar o relatório do sistema e comparar com o mês anterior; diferenças acima de 5% devem ser justificadas.",
        "Documentos recebidos por e-mail. Falta o extrato da conta de aplicação.",
        "Seguir o procedimento padrão do setor. Em caso de dúvida, falar com o gestor.",
        "Prazo legal no dia 20. Enviar a guia ao cliente com pelo menos 3 dias de antecedência.",
        "Cliente novo: conferir o cadastro completo antes de começar.",
        "Há divergência entre o faturamento informado e as notas emitidas; verificar com o cliente.",
    ];

    private static readonly string[] Comments =
    [
        "Cliente enviou os documentos por e-mail.", "Aguardando retorno do cliente.", "Guia emitida e enviada ao cliente.",
        "Pode verificar, por favor?", "Feito, conferido com o relatório.", "Faltam os extratos do mês.",
        "Prazo prorrogado para sexta-feira.", "Anexei a planilha atualizada.", "Certo, vou priorizar.",
        "O sistema da prefeitura está fora do ar, tento novamente amanhã.", "Cliente ligou perguntando sobre o andamento.",
        "Valores conferidos, pode transmitir.", "Encontrei uma diferença de centavos, já corrigi.",
        "Precisamos da procuração assinada.", "Enviei o recibo de entrega.", "Obrigado!",
    ];

    // Normalized keys of every fixed phrase, computed once: text search keys are composed from them instead of running
    // Unicode normalization 200,000 times (most of the plan's time otherwise).
    private static readonly Dictionary<string, string> Keys = [];

    private static string KeyOf(string phrase)
    {
        lock (Keys)
        {
            if (!Keys.TryGetValue(phrase, out var key)) Keys[phrase] = key = TextNormalizer.Key(phrase);
            return key;
        }
    }

    /// <summary>A title with its search key (<see cref="TextNormalizer.Key"/> of the title).</summary>
    public static DemoText Title(string sectorKey, Random rng, string competence, string company)
    {
        var titles = TitlesBySector.GetValueOrDefault(sectorKey) ?? GenericTitles;
        var template = titles[rng.Next(titles.Length)];
        // Key is per character (upper case, accents off) and the competence is ASCII, so it composes over the format.
        return new DemoText(string.Format(Platform.Time.Culture.PtBr, template, competence, company),
            string.Format(Platform.Time.Culture.PtBr, KeyOf(template), competence, KeyOf(company)));
    }

    public static DemoText SubtaskTitle(Random rng) => Fixed(SubtaskTitles[rng.Next(SubtaskTitles.Length)]);

    public static DemoText PrivateTitle(Random rng) => Fixed(PrivateTitles[rng.Next(PrivateTitles.Length)]);

    /// <summary>A description's sanitized HTML and its plain text, or (null, empty) for a task without one.</summary>
    public static (string? Html, DemoText Plain) Description(Random rng, double chance)
    {
        if (rng.NextDouble() >= chance) return (null, new DemoText("", ""));
        var text = Descriptions[rng.Next(Descriptions.Length)];
        return ($"<p>{text}</p>", Fixed(text));
    }

    public static string Comment(Random rng) => $"<p>{Comments[rng.Next(Comments.Length)]}</p>";

    /// <summary>What the service stores: Key(title + " " + plain description).</summary>
    public static string SearchText(DemoText title, DemoText plain) => plain.Key.Length == 0 ? title.Key : title.Key + " " + plain.Key;

    private static DemoText Fixed(string phrase) => new(phrase, KeyOf(phrase));
}

internal readonly record struct DemoText(string Text, string Key);
