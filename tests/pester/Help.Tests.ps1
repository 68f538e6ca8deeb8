# Help as users read it: Get-Help in real pwsh, and its examples run as written.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:helpFolder = Join-Path (Get-RepoRoot) 'docs/help'

    # The cmdlets the imported module exports, so a new cmdlet without help fails here.
    function Get-ExportedCmdlet { (Get-Module Alpharun).ExportedCmdlets.Values | Sort-Object Name }

    # A cmdlet's own parameters: not the common ones, which PowerShell documents itself.
    function Get-OwnParameterName($Cmdlet) {
        $Cmdlet.Parameters.Keys | Where-Object { $_ -notin [Management.Automation.Cmdlet]::CommonParameters -and $_ -ne 'UseTransaction' }
    }

    function Compress-Space([string] $Text) { ($Text -replace '\s+', ' ').Trim() }

    # A docs/help page read the plain way a reviewer reads it: "## TITLE" sections and "### Example N: title" fences.
    function Get-HelpPageSection([string] $Text, [string] $Title) {
        $match = [regex]::Match($Text, "(?ms)^## $([regex]::Escape($Title))[ \t]*\r?\n(.*?)(?=^## |\z)")
        if ($match.Success) { $match.Groups[1].Value.Trim() } else { '' }
    }

    function Get-HelpPageExample([string] $Text) {
        foreach ($match in [regex]::Matches((Get-HelpPageSection $Text 'EXAMPLES'), '(?ms)^### (Example \d+:[^\r\n]*)\r?\n```powershell\r?\n(.*?)\r?\n```')) {
            [pscustomobject]@{ Title = $match.Groups[1].Value.Trim(); Code = $match.Groups[2].Value }
        }
    }

    # The lines of "-Name <Type>" in Get-Help -Full output, up to the next parameter.
    function Get-ParameterBlock([string] $Shown, [string] $Name) {
        $block = [regex]::Match($Shown, "(?ms)^    -$Name .*?(?=^    -|^    <CommonParameters>)")
        $block.Success | Should -BeTrue -Because "-$Name is in the help"
        $block.Value
    }
}

AfterAll {
    Stop-AlpharunSandbox
}

Describe 'Help examples run as written' {
    It 'uploads every row of the CSV with Send-AlpharunRecording example 5, run from the repository root' {
        $example = (Get-Help Send-AlpharunRecording -Examples).examples.example | Where-Object title -Like '*Example 5:*'
        $example | Should -Not -BeNullOrEmpty
        $null = Start-AlpharunSandbox
        Push-Location (Get-RepoRoot)
        try { $results = & ([scriptblock]::Create($example.code)) }
        finally { Pop-Location }
        $results.FileName | Should -Be @('2024-05-02_ana_bob-renewal.wav', '2024-05-02_ana_carol-demo.wav', '2024-05-03_ana_dave-support.wav')
        $results.Teammate | Should -Be @('ana@acme.com', 'ana@acme.com', 'li@acme.com')
        @(Get-AlpharunSandboxRecording).Count | Should -Be 3
    }
}

Describe 'Help as Get-Help shows it' {
    It 'gives every exported cmdlet a synopsis, a description and at least two examples' {
        $cmdlets = @(Get-ExportedCmdlet)
        $cmdlets | Should -Not -BeNullOrEmpty

        $problems = foreach ($cmdlet in $cmdlets) {
            $help = Get-Help $cmdlet.Name -Full
            $synopsis = ([string] $help.Synopsis).Trim()
            $description = ((@($help.description) | Where-Object { $_ } | ForEach-Object Text) -join ' ').Trim()
            $examples = @(@($help.examples.example) | Where-Object { $_ -and $_.code }).Count
            # Without a help file, Get-Help makes up a synopsis from the syntax, which starts with the name.
            if ($synopsis.Length -eq 0 -or $synopsis.StartsWith($cmdlet.Name, [StringComparison]::OrdinalIgnoreCase)) { "$($cmdlet.Name): no synopsis" }
            if ($description.Length -eq 0) { "$($cmdlet.Name): no description" }
            if ($examples -lt 2) { "$($cmdlet.Name): $examples example(s), at least 2 expected" }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'gives every parameter of every exported cmdlet help text' {
        $cmdlets = @(Get-ExportedCmdlet)
        $cmdlets | Should -Not -BeNullOrEmpty

        $problems = foreach ($cmdlet in $cmdlets) {
            $described = @{}
            foreach ($p in @((Get-Help $cmdlet.Name -Full).parameters.parameter)) {
                if ($p) { $described[[string] $p.name] = (@($p.description) | Where-Object { $_ } | ForEach-Object Text) -join ' ' }
            }
            foreach ($parameter in Get-OwnParameterName $cmdlet) {
                if (-not $described.ContainsKey($parameter) -or ([string] $described[$parameter]).Trim().Length -eq 0) { "$($cmdlet.Name) -$parameter" }
            }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'shows with Get-Help Send-AlpharunRecording -Full the synopsis, each parameter''s details, the first example and how retries work' {
        $shown = Get-Help Send-AlpharunRecording -Full | Out-String -Width 1000
        $page = Get-Content -Raw -LiteralPath (Join-Path $script:helpFolder 'Send-AlpharunRecording.md')
        $flat = Compress-Space $shown
        Get-HelpPageSection $page 'SYNOPSIS' | Should -Not -BeNullOrEmpty

        $flat | Should -MatchExactly ([regex]::Escape((Compress-Space (Get-HelpPageSection $page 'SYNOPSIS'))))
        foreach ($label in '-ThrottleLimit <Int32>', 'Required?', 'Position?', 'Accept pipeline input?', 'Aliases', 'Accept wildcard characters?', '<CommonParameters>') {
            $shown | Should -MatchExactly ([regex]::Escape($label))
        }
        # Each parameter's block, as a user reads it: the documented default, pipeline input and aliases.
        $throttle = Get-ParameterBlock $shown 'ThrottleLimit'
        $throttle | Should -MatchExactly 'Default value\s+4\r?\n'
        Compress-Space $throttle | Should -MatchExactly 'keeps a typical uplink busy'
        $path = Get-ParameterBlock $shown 'Path'
        $path | Should -MatchExactly 'Required\?\s+true'
        $path | Should -MatchExactly 'Position\?\s+0'
        $path | Should -MatchExactly 'Accept pipeline input\?\s+True \(ByPropertyName, ByValue\)'
        $path | Should -MatchExactly 'Aliases\s+FullName'
        $path | Should -MatchExactly 'Accept wildcard characters\?\s+true'
        $shown | Should -MatchExactly ([regex]::Escape(@(Get-HelpPageExample $page)[0].Title))
        $flat | Should -MatchExactly ([regex]::Escape('Retrying is safe: the API answers 200 with the same id for a recording it already has'))
        $flat | Should -MatchExactly ([regex]::Escape('408, 429, 500, 502, 503 and 504'))
    }

    It 'shows -RecordedAt as the DateTimeOffset users pass (its own type keeps a local time until -TimeZone is known) and -TimeZone as a string' {
        $shown = Get-Help Send-AlpharunRecording -Full | Out-String -Width 1000

        Get-ParameterBlock $shown 'RecordedAt' | Should -MatchExactly '^    -RecordedAt <DateTimeOffset>\r?\n'
        Get-ParameterBlock $shown 'TimeZone' | Should -MatchExactly '^    -TimeZone <String>\r?\n'
        Compress-Space (Get-ParameterBlock $shown 'TimeZone') | Should -MatchExactly ([regex]::Escape('Accept pipeline input? True (ByPropertyName)'))
        (Get-Command Send-AlpharunRecording).Parameters['RecordedAt'].ParameterType | Should -Be ([Alpharun.RecordedAtValue])
    }

    It 'has as Send-AlpharunRecording example 7 the README''s dialer example, which tests/pester/DialerExport.Tests.ps1 runs' {
        $example = (Get-Help Send-AlpharunRecording -Examples).examples.example | Where-Object title -Like '*Example 7:*'
        $readme = Get-Content -Raw -LiteralPath (Join-Path (Get-RepoRoot) 'README.md')
        $section = [regex]::Match($readme, '(?ms)^### From a dialer or CRM export\r?\n(.*?)(?=^##)').Groups[1].Value
        $dialer = [regex]::Match($section, '(?s)```powershell\r?\n(.*?)```').Groups[1].Value

        $example | Should -Not -BeNullOrEmpty
        ($example.code -replace '\r', '').Trim() | Should -BeExactly ($dialer -replace '\r', '').Trim()
    }

    It 'says in about_Alpharun that a 403 refuses one upload, and only a 401 or a 403 blaming the key stops the batch' {
        # The README's rule, held by Errors.Tests ("Forbidden ... and the batch goes on"); about_Alpharun once said "401 or 403".
        $flat = Compress-Space (Get-Help about_Alpharun | Out-String -Width 200)

        $flat | Should -Not -MatchExactly '401 or 403'
        $flat | Should -MatchExactly ([regex]::Escape('(HTTP 401, or a 403 whose message blames the key) stops the batch with one ApiKeyRejected error'))
        $flat | Should -MatchExactly ([regex]::Escape('Any other 403 refuses that one upload: the file ends as a Forbidden error and the rest of the batch goes on.'))
    }

    It 'explains in about_Alpharun connecting, the connection order, the sandbox, retries and journals' {
        $shown = Get-Help about_Alpharun | Out-String -Width 200

        foreach ($text in 'about_Alpharun', 'Connect-Alpharun', 'ALPHARUN_API_KEY', 'Connection order', 'The sandbox', 'Retries', 'Journals') {
            $shown | Should -MatchExactly ([regex]::Escape($text))
        }
    }
}

Describe 'Help pages in docs/help' {
    It 'has only examples that parse as PowerShell' {
        $pages = @(Get-ChildItem -LiteralPath $script:helpFolder -Filter '*.md' | Where-Object { -not $_.Name.StartsWith('about_', [StringComparison]::Ordinal) } | Sort-Object Name)
        $pages | Should -Not -BeNullOrEmpty

        $problems = foreach ($page in $pages) {
            $examples = @(Get-HelpPageExample (Get-Content -Raw -LiteralPath $page.FullName))
            if ($examples.Count -eq 0) { "$($page.BaseName): no example found" }
            foreach ($example in $examples) {
                $errors = $null
                $null = [Management.Automation.Language.Parser]::ParseInput($example.Code, [ref] $null, [ref] $errors)
                foreach ($e in $errors) { '{0} / {1}: line {2}: {3}' -f $page.BaseName, $example.Title, $e.Extent.StartLineNumber, $e.Message }
            }
        }
        $problems | Should -BeNullOrEmpty
    }
}
