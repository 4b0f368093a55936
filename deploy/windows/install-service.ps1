<#
.SYNOPSIS
  Instala o Portal Contábil como serviço do Windows (operations.md §4). Execute como administrador.
.DESCRIPTION
  - Serviço "PortalContabil", início automático atrasado, conta virtual NT SERVICE\PortalContabil.
  - A conta do serviço só tem permissão de escrita na pasta de dados (DataPath); leitura/execução na pasta do programa.
  - Recuperação: reiniciar após 1 minuto nas três primeiras falhas (OPS-18).
  - Origem "PortalContabil" no Log de Eventos (Aplicativo) para os erros do portal.
  Veja docs/instalacao-windows.md.
.EXAMPLE
  .\install-service.ps1 -InstallPath "C:\Program Files\PortalContabil" -DataPath "C:\ProgramData\PortalContabil"
#>
[CmdletBinding()]
param(
    [string]$InstallPath = (Split-Path -Parent $PSScriptRoot),
    [string]$DataPath = (Join-Path $env:ProgramData 'PortalContabil'),
    [string]$Environment = 'Production'
)

$ErrorActionPreference = 'Stop'
$ServiceName = 'PortalContabil'
$DisplayName = 'Portal Contábil'
$ServiceAccount = "NT SERVICE\$ServiceName"
$EventSource = 'PortalContabil'

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Execute este script como administrador (PowerShell > Executar como administrador).'
}

$exe = Join-Path $InstallPath 'portal.exe'
if (-not (Test-Path $exe)) { throw "Executável não encontrado: $exe. Informe -InstallPath." }

if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
    throw "O serviço $ServiceName já existe. Rode uninstall-service.ps1 antes de reinstalar."
}

# 1. Serviço: início automático atrasado, conta virtual (sem senha para gerenciar).
Write-Host "Criando o serviço $ServiceName..."
& sc.exe create $ServiceName binPath= "`"$exe`"" start= delayed-auto obj= $ServiceAccount DisplayName= "$DisplayName" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "sc.exe create falhou (código $LASTEXITCODE)." }
& sc.exe description $ServiceName 'Portal da firma contábil (ASP.NET Core). Documentação: docs\instalacao-windows.md' | Out-Null

# 2. Recuperação: reiniciar após 1 minuto (60000 ms) nas três primeiras falhas; zera a contagem após 1 dia.
& sc.exe failure $ServiceName reset= 86400 actions= restart/60000/restart/60000/restart/60000 | Out-Null
if ($LASTEXITCODE -ne 0) { throw "sc.exe failure falhou (código $LASTEXITCODE)." }
# Também quando o processo termina com código de erro (não só quando "trava").
& sc.exe failureflag $ServiceName 1 | Out-Null

# 3. Ambiente do serviço (variáveis lidas só por este serviço).
$envKey = "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName"
New-ItemProperty -Path $envKey -Name 'Environment' -PropertyType MultiString -Force -Value @(
    "ASPNETCORE_ENVIRONMENT=$Environment",
    "PORTAL__Portal__DataPath=$DataPath"
) | Out-Null

# 4. Pasta de dados: escrita só para a conta do serviço (e administradores/SYSTEM).
New-Item -ItemType Directory -Force -Path $DataPath | Out-Null
$acl = New-Object Security.AccessControl.DirectorySecurity
$acl.SetAccessRuleProtection($true, $false) # sem herança: ninguém além destes lê as chaves e os backups
$inherit = [Security.AccessControl.InheritanceFlags]'ContainerInherit, ObjectInherit'
$none = [Security.AccessControl.PropagationFlags]::None
foreach ($who in @('BUILTIN\Administrators', 'NT AUTHORITY\SYSTEM')) {
    $acl.AddAccessRule((New-Object Security.AccessControl.FileSystemAccessRule($who, 'FullControl', $inherit, $none, 'Allow')))
}
$acl.AddAccessRule((New-Object Security.AccessControl.FileSystemAccessRule($ServiceAccount, 'Modify', $inherit, $none, 'Allow')))
Set-Acl -Path $DataPath -AclObject $acl

# Pasta do programa: a conta do serviço só lê e executa.
& icacls.exe $InstallPath /grant "${ServiceAccount}:(OI)(CI)RX" | Out-Null

# 5. Origem do Log de Eventos (erros do portal aparecem em Aplicativo > PortalContabil).
if (-not [Diagnostics.EventLog]::SourceExists($EventSource)) {
    New-EventLog -LogName Application -Source $EventSource
}

Write-Host 'Iniciando o serviço...'
Start-Service -Name $ServiceName
Get-Service -Name $ServiceName | Format-Table Name, Status, StartType -AutoSize
Write-Host "Pronto. Dados em $DataPath. Confira com: portal.exe doctor"
