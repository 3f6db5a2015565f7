/// Every rule dockaudit has, sorted by code. A test checks that each rule file is listed
/// here and that codes and names are unique.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        ParseError.self,
        UnknownInstruction.self,
        EmptyContinuationLine.self,
        InstructionBeforeFrom.self,
        MissingFrom.self,
        MaintainerDeprecated.self,
        WorkdirRelativePath.self,
        MultipleCmd.self,
        MultipleEntrypoint.self,
        MultipleHealthcheck.self,
        JSONArgsRecommended.self,
        UnknownRuleInPragma.self,
        StageNameCasing.self,
        FromAsCasing.self,
        DuplicateStageName.self,
        ReservedStageName.self,
        ConsistentInstructionCasing.self,
        LegacyKeyValueFormat.self,
        ExposeProtoCasing.self,
        ExposeInvalidFormat.self,
        ExposePortOutOfRange.self,
        RedundantTargetPlatform.self,
        FromPlatformFlagConst.self,
        UndefinedArgInFrom.self,
        BaseImageEOLRelease.self,
        InvalidDefaultArgInFrom.self,
        ImageTagMissing.self,
        ImageTagLatest.self,
        AddInsteadOfCopy.self,
        CopyDestinationNotFolder.self,
        CopyFromUnknownStage.self,
        CopyFromOwnStage.self,
        CopyRelativeDestinationWithoutWorkdir.self,
        AptPackageUnpinned.self,
        AptListsNotRemoved.self,
        AptInstallWithoutYes.self,
        AptInstallRecommends.self,
        AptInsteadOfAptGet.self,
        ApkPackageUnpinned.self,
        ApkCacheKept.self,
        CdInsteadOfWorkdir.self,
        SudoInRun.self,
        PipeWithoutPipefail.self,
        ConsecutiveRun.self,
        ShellChangedBySymlink.self,
        NoNonRootUser.self,
        SecretInArgOrEnv.self,
        SecretFileCopied.self,
        TLSVerificationDisabled.self,
        RemoteScriptPipedToShell.self,
        PythonUnbufferedMissing.self,
        PythonBytecodeUnmanaged.self,
        PipCacheKept.self,
        PipPackageUnpinned.self,
        RequirementsUnpinned.self,
        RequirementsWithoutHashes.self,
        DevDependenciesInImage.self,
        LockfileNotEnforced.self,
        DevServerInImage.self,
        CopyAllBeforeInstall.self,
        VirtualenvCopied.self,
        DebugEnabled.self,
        PythonEOL.self,
        PythonAlpine.self,
        BuildToolsInFinalImage.self,
        PythonToolUnpinned.self,
        ServerBoundToLocalhost.self,
        PipExternallyManaged.self,
        VenvActivationNotPersisted.self,
        PipUserInstallUnreachable.self,
        VenvCopiedAcrossInterpreters.self,
        DockerignoreMissing.self,
        DockerignoreIncomplete.self,
        CopyIgnoredFile.self,
        CopySourceMissing.self,
        InstallFileNotCopied.self,
    ]

    /// The rules that run unless the user selects more: all but the opt-in ones.
    public static let enabledByDefault: [any Rule.Type] = all.filter { !$0.description.isOptIn }

    /// Rules matching a code (`DA101`), a name (`unknown-instruction`) or an alias
    /// (`DL4000`, `MaintainerDeprecated`). An alias may stand for several rules.
    public static func rules(matching identifier: String, in rules: [any Rule.Type] = all) -> [any Rule.Type] {
        let upper = identifier.uppercased()
        let lower = identifier.lowercased()
        return rules.filter { rule in
            let description = rule.description
            return description.code == upper || description.name == lower
                || description.aliases.contains { $0.lowercased() == lower }
        }
    }
}
