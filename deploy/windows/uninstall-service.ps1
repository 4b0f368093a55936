<#
.SYNOPSIS
  Remove o serviço PortalContabil (operations.md §4). Execute como administrador.
  A pasta de dados (banco SQLite, arquivos, chaves, backups) NÃO é apagada.
#>
[CmdletBinding()]
param([switch]$RemoveEventSource)

$ErrorActionPreference = 'Stop'
$ServiceName = 'PortalContabil'
$EventSource = 'PortalContabil'

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Execute este script como administrador.'
}

$service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if (-not $service) { Write-Host "O serviço $ServiceName não está instalado."; return }
if ($service.Status -ne 'Stopped') {
    Write-Host 'Parando o serviço...'
    Stop-Service -Name $ServiceName -Force
    $service.WaitForStatus('Stopped', [TimeSpan]::FromSeconds(60))
}
& sc.exe delete $ServiceName | Out-Null
if ($LASTEXITCODE -ne 0) { throw "sc.exe delete falhou (código $LASTEXITCODE)." }

if ($RemoveEventSource -and [Diagnostics.EventLog]::SourceExists($EventSource)) {
    Remove-EventLog -Source $EventSource
}
Write-Host "Serviço $ServiceName removido. A pasta de dados foi mantida."
