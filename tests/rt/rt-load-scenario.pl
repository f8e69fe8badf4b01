#!/usr/bin/perl
# Loads a simulator scenario (format csm-sim-scenario/1, see
# tests/data/scenarios/README.md) into a fresh, unseeded private RT 5, so
# that the real RT and the simulator hold the same helpdesk and can be
# compared answer by answer (tests/rt/test-same-scenario.c).
#
#   rt-load-scenario.pl DIR SCENARIO.json
#
# DIR is an instance started by `rt-up.sh DIR --empty` (rt-up.sh runs this
# itself for --load-scenario, before the server starts). RT_SITE_CONFIG must
# name DIR's config, as for rt-admin.pl.
#
# Why the perl API and not REST2: REST2 cannot set Created, LastUpdated or a
# transaction's time, and RT's scrips (SLA, auto-open) would add history of
# their own. Here:
#   - queues, users, the groups and the custom fields are created through
#     RT's API in the scenario's order, so RT hands out the scenario's ids
#     (checked: a mismatch is fatal). Their Created/LastUpdated and Creator
#     (root, as if made over REST) are then written directly.
#   - CFs are applied globally (the scenario's CFs apply to every queue);
#     Select values are added in order.
#   - rights follow each user's Access, per queue (every queue but
#     ___Approvals), as rt-admin.pl grants them: admin = SuperUser; agent =
#     the ticket rights of rt-admin.pl's agents and CreateTicket; viewer = SeeQueue +
#     ShowTicket; customers (the Unprivileged group) may create tickets, and
#     see and answer their own through the queues' Requestor role.
#   - queues are created with SLADisabled = 1, so RT's SLA code never touches
#     a Due or Starts while loading; the scenario's value is written at the
#     end. Tickets are created in id order without a Create transaction
#     (_RecordTransaction => 0: no scrips run), RT's id is checked, and then
#     every column of the Tickets row is written exactly as the scenario has
#     it (Status, Owner, dates, Told, TimeWorked, SLA, ...). Requestors, Cc
#     and AdminCc go through RT (role groups), the owner too.
#   - CF values are written as ObjectCustomFieldValues rows whose ids are the
#     NewReference of the CustomField transactions that set them (values a
#     later transaction replaced are Disabled), plus rows for final values no
#     transaction set.
#   - transactions are inserted with the scenario's own ids, types, fields,
#     values, creators, times and TimeTaken. RT's own transactions (the
#     history of its initial data and of the users, groups and queues made
#     above) are removed first: the scenario's only history is its tickets',
#     as in the simulator, so ids match and RT's next transaction id is the
#     simulator's. No attachments are written (the simulator has no message
#     bodies). CF changes keep OldValue/NewValue NULL and point at their
#     value rows, as RT records them.
#   - a token for every scenario user: DIR/tokens/<name up to "@">, and
#     DIR/viewer-token for the first user with Access viewer.
# The scenario's "now" is not RT's concern: RT's clock is the wall clock.
# Whatever RT cannot hold as the scenario says is fatal, with the reason.
use strict;
use warnings;
use lib '/usr/share/request-tracker5/lib', '/usr/local/share/request-tracker5/lib';
use JSON::PP;
use Time::Local qw(timegm);
use RT;

my ($dir, $file) = @ARGV;
die "usage: $0 DIR SCENARIO.json\n" unless $dir && $file && -d $dir && -r $file;

my $conf = $ENV{RT_SITE_CONFIG} // '';
die "rt-load-scenario: RT_SITE_CONFIG must name $dir/etc/RT_SiteConfig.pm\n"
  unless $conf =~ m{^\Q$dir\E/+etc/RT_SiteConfig\.pm$} && -f $conf;
RT::LoadConfig();
die "rt-load-scenario: config does not point at $dir\n"
  unless index(RT->Config->Get('DatabaseName'), $dir) == 0;
RT::Init();
umask 077;

sub fail { die "rt-load-scenario: @_\n" }
sub note { print "rt-load-scenario: @_\n" }

my $scenario = do {
    open my $fh, '<:raw', $file or fail "cannot read $file: $!";
    local $/;
    JSON::PP->new->decode(<$fh>);
};
fail "$file: format is not csm-sim-scenario/1"
  unless ($scenario->{format} // '') eq 'csm-sim-scenario/1';

my $dbh = $RT::Handle->dbh;
my $UNSET = '1970-01-01 00:00:00';
my $ROOT = RT::User->new(RT->SystemUser);
$ROOT->Load('root');
fail "no root user" unless $ROOT->id;

# ------------------------------------------------------------------ helpers

# Scenario dates: ISO 8601 UTC ("2026-11-23T12:00:00Z") or RT's SQL form; null
# is unset. Returns RT's SQL form, undef for unset.
sub sql_date {
    my ($value, $what) = @_;
    return undef unless defined $value;
    my ($y, $mo, $d, $h, $mi, $s) = $value =~
      /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:Z|\+00:?00)?$/
      or fail "$what: bad date '$value'";
    # Round trip through timegm to reject impossible dates.
    my $t = eval { timegm($s, $mi, $h, $d, $mo - 1, $y) };
    fail "$what: bad date '$value'" unless defined $t;
    return sprintf '%04d-%02d-%02d %02d:%02d:%02d', $y, $mo, $d, $h, $mi, $s;
}

sub bool { my $v = shift; return ($v && $v ne 'false') ? 1 : 0 }

sub do_sql {
    my ($sql, @binds) = @_;
    my $n = $dbh->do($sql, undef, @binds);
    fail "SQL failed: $sql: " . $dbh->errstr unless defined $n;
    return $n;
}

my %user_id;    # name => id, built-ins included
for my $name (qw(RT_System Nobody root)) {
    my $u = RT::User->new(RT->SystemUser);
    $u->Load($name);
    $user_id{$name} = $u->id;
}

sub user_ref {
    my ($name, $what) = @_;
    return undef unless defined $name;
    fail "$what: no user '$name'" unless exists $user_id{$name};
    return $user_id{$name};
}

# Created/LastUpdated/Creator/LastUpdatedBy of a record made here: the
# scenario's time, made by root as over REST2.
# Applied at the very end: adding members, granting rights and making
# tokens touch LastUpdated again.
my @stamps;
sub stamp { push @stamps, [@_] }
sub apply_stamp {
    my ($table, $id, $created, $updated, $creator) = @_;
    do_sql("UPDATE $table SET Created = ?, LastUpdated = ?, Creator = ?, LastUpdatedBy = ? WHERE id = ?",
        $created, $updated // $created, $creator // $ROOT->id, $creator // $ROOT->id, $id);
}

my $now = sql_date($scenario->{now}, 'now') // do {
    my @t = gmtime;
    sprintf '%04d-%02d-%02d %02d:%02d:%02d', $t[5] + 1900, $t[4] + 1, @t[3, 2, 1, 0];
};

# ------------------------------------------------------------------ RT's initial data

# When RT was installed is not in a scenario; like the simulator
# (csm-sim-scenario.c, date_builtins) take the scenario's earliest time, so
# root, Nobody, the system groups, General, ... carry the same dates in both.
{
    my $earliest = $now;
    for my $list (qw(queues users groups custom_fields tickets transactions)) {
        for my $record (@{ $scenario->{$list} // [] }) {
            my $c = sql_date($record->{Created}, "$list Created") // next;
            $earliest = $c if $c lt $earliest;
        }
    }
    my $tables = $dbh->selectcol_arrayref(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    for my $table (@$tables) {
        my %cols = map { $_->[1] => 1 } @{ $dbh->selectall_arrayref("PRAGMA table_info($table)") };
        my @set = grep { $cols{$_} } qw(Created LastUpdated);
        next unless @set;
        do_sql("UPDATE $table SET " . join(', ', map { "$_ = ?" } @set), ($earliest) x @set);
    }
    note "RT's initial data dated $earliest";
}

# ------------------------------------------------------------------ queues

my (%queue_id, %queue_sla_disabled, %queue_disabled);
for my $q (@{ $scenario->{queues} // [] }) {
    my $name = $q->{Name} // fail "a queue without Name";
    my $queue = RT::Queue->new(RT->SystemUser);
    $queue->Load($name);
    if (!$queue->id) {
        my ($id, $msg) = $queue->Create(
            Name              => $name,
            Description       => $q->{Description} // '',
            CorrespondAddress => $q->{CorrespondAddress} // '',
            CommentAddress    => $q->{CommentAddress} // '',
            SLADisabled       => 1,
        );
        fail "queue $name: $msg" unless $id;
    } else {
        for my $f (qw(Description CorrespondAddress CommentAddress)) {
            next unless exists $q->{$f};
            do_sql("UPDATE Queues SET $f = ? WHERE id = ?", $q->{$f} // '', $queue->id);
        }
        do_sql("UPDATE Queues SET SLADisabled = 1 WHERE id = ?", $queue->id);
    }
    fail "queue $name: RT gave id " . $queue->id . ", the scenario says $q->{id}"
      . " (queues must be listed in creation order on a fresh RT)"
      if defined $q->{id} && $q->{id} != $queue->id;
    $queue_id{$name} = $queue->id;
    $queue_sla_disabled{$name} = exists $q->{SLADisabled} ? bool($q->{SLADisabled}) : 1;
    $queue_disabled{$name} = bool($q->{Disabled});
    my $created = sql_date($q->{Created}, "queue $name") // $now;
    stamp('Queues', $queue->id, $created, sql_date($q->{LastUpdated}, "queue $name") // $created)
      if $queue->id > 2;
}
note "queues: " . join(', ', map { "$_ ($queue_id{$_})" } sort keys %queue_id);

# ------------------------------------------------------------------ users

my %access_of;
for my $u (@{ $scenario->{users} // [] }) {
    my $name = $u->{Name} // fail "a user without Name";
    my $access = $u->{Access} // 'customer';
    fail "user $name: unknown Access '$access'" unless $access =~ /^(admin|agent|viewer|customer)$/;
    my $user = RT::User->new(RT->SystemUser);
    $user->Load($name);
    fail "user $name: exists already (built-in users are not part of a scenario)" if $user->id;
    my ($id, $msg) = $user->Create(
        Name         => $name,
        RealName     => $u->{RealName} // '',
        EmailAddress => $u->{EmailAddress} // '',
        Privileged   => ($access eq 'customer' ? 0 : 1),
        Disabled     => bool($u->{Disabled}),
        (defined $u->{Lang} ? (Lang => $u->{Lang}) : ()),
        (defined $u->{Timezone} ? (Timezone => $u->{Timezone}) : ()),
        ($access eq 'customer' ? () : (Password => 'password')),
    );
    fail "user $name: $msg" unless $id;
    fail "user $name: RT gave id $id, the scenario says $u->{id}"
      . " (queues, then users, then groups must be listed in creation order)"
      if defined $u->{id} && $u->{id} != $id;
    $user_id{$name} = $id;
    $access_of{$name} = $access;
    my $created = sql_date($u->{Created}, "user $name") // $now;
    stamp('Users', $id, $created, sql_date($u->{LastUpdated}, "user $name") // $created);
}
note "users: " . join(', ', map { "$_ ($user_id{$_})" } sort keys %access_of);

# ------------------------------------------------------------------ groups

for my $g (@{ $scenario->{groups} // [] }) {
    my $name = $g->{Name} // fail "a group without Name";
    my $group = RT::Group->new(RT->SystemUser);
    my ($id, $msg) = $group->CreateUserDefinedGroup(Name => $name, Description => $g->{Description} // '');
    fail "group $name: $msg" unless $id;
    fail "group $name: RT gave id $id, the scenario says $g->{id}"
      if defined $g->{id} && $g->{id} != $id;
    for my $member (@{ $g->{Members} // [] }) {
        my ($ok, $m) = $group->AddMember(user_ref($member, "group $name"));
        fail "group $name: add $member: $m" unless $ok;
    }
    my $created = sql_date($g->{Created}, "group $name") // $now;
    stamp('Groups', $id, $created, sql_date($g->{LastUpdated}, "group $name") // $created);
}

# ------------------------------------------------------------------ custom fields

my %cf_id;
for my $c (@{ $scenario->{custom_fields} // [] }) {
    my $name = $c->{Name} // fail "a custom field without Name";
    my $type = $c->{Type} // 'Freeform';
    my $cf = RT::CustomField->new(RT->SystemUser);
    my ($id, $msg) = $cf->Create(
        Name        => $name,
        Type        => $type,
        MaxValues   => $c->{MaxValues} // 1,
        LookupType  => RT::Ticket->CustomFieldLookupType,
        Description => $c->{Description} // '',
        (defined $c->{Pattern} ? (Pattern => $c->{Pattern}) : ()),
    );
    fail "custom field $name: $msg" unless $id;
    fail "custom field $name: RT gave id $id, the scenario says $c->{id}"
      if defined $c->{id} && $c->{id} != $id;
    my $order = 0;
    for my $value (@{ $c->{Values} // [] }) {
        my ($ok, $m) = $cf->AddValue(Name => $value, SortOrder => $order++);
        fail "custom field $name: value $value: $m" unless $ok;
    }
    # Applied globally: every queue, as the scenario format says.
    my ($ok, $m) = $cf->AddToObject(RT::Queue->new(RT->SystemUser));
    fail "custom field $name: apply globally: $m" unless $ok;
    $cf_id{$name} = $id;
    my $created = sql_date($c->{Created}, "custom field $name") // $now;
    stamp('CustomFields', $id, $created, $created);
}

# ------------------------------------------------------------------ rights

# Ticket rights are granted per queue, as a helpdesk does (and as the
# simulator behaves: e.g. only the superuser sees search totals, which RT
# shows to whoever holds the right globally); every queue but ___Approvals.
my @rights_queues;
{
    my $queues = RT::Queues->new(RT->SystemUser);
    $queues->UnLimit;
    while (my $q = $queues->Next) {
        push @rights_queues, $q unless $q->Name eq '___Approvals';
    }
}

sub grant {
    my ($principal, $right, $what, $object) = @_;
    for my $on ($object ? ($object) : @rights_queues) {
        my ($ok, $msg) = $principal->GrantRight(Right => $right, Object => $on);
        fail "grant $right to $what: $msg" unless $ok || $msg =~ /already/i;
    }
}

# rt-admin.pl's agent rights plus CreateTicket: the simulator's agents have
# every ticket right.
my @AGENT_RIGHTS = qw(ShowTicket ModifyTicket OwnTicket ReplyToTicket CommentOnTicket
  SeeQueue SeeCustomField ModifyCustomField TakeTicket StealTicket ShowTicketComments
  CreateTicket);
my $have_customers = 0;
for my $name (sort keys %access_of) {
    my $user = RT::User->new(RT->SystemUser);
    $user->Load($user_id{$name});
    my $access = $access_of{$name};
    if ($access eq 'admin') {
        grant($user->PrincipalObj, 'SuperUser', $name, RT->System);
    } elsif ($access eq 'agent') {
        grant($user->PrincipalObj, $_, $name) for @AGENT_RIGHTS;
    } elsif ($access eq 'viewer') {
        grant($user->PrincipalObj, $_, $name) for qw(SeeQueue ShowTicket);
    } else {
        $have_customers = 1;
    }
}
if ($have_customers) {
    my $unpriv = RT::Group->new(RT->SystemUser);
    $unpriv->LoadSystemInternalGroup('Unprivileged');
    grant($unpriv->PrincipalObj, $_, 'Unprivileged') for qw(CreateTicket SeeQueue);
    for my $queue (@rights_queues) {
        my $requestor = $queue->RoleGroup('Requestor');
        fail "no Requestor role group on " . $queue->Name unless $requestor->id;
        grant($requestor->PrincipalObj, $_, 'Requestor role', $queue) for qw(ShowTicket ReplyToTicket);
    }
}

# ------------------------------------------------------------------ tickets

my @tickets = sort { $a->{id} <=> $b->{id} } @{ $scenario->{tickets} // [] };
my @txns = @{ $scenario->{transactions} // [] };
my (%txns_of, %ticket_seen);
my $last_txn_id = 0;
for my $x (@txns) {
    fail "a transaction without id" unless $x->{id};
    fail "transaction ids must increase through the file ($x->{id} after $last_txn_id)"
      unless $x->{id} > $last_txn_id;
    $last_txn_id = $x->{id};
    push @{ $txns_of{ $x->{Ticket} // 0 } }, $x;
}

for my $t (@tickets) {
    my $tid = $t->{id} // fail "a ticket without id";
    my $what = "ticket $tid";
    my $qname = $t->{Queue} // fail "$what: no Queue";
    fail "$what: no queue '$qname'" unless $queue_id{$qname} || do {
        my $q = RT::Queue->new(RT->SystemUser); $q->Load($qname); $queue_id{$qname} = $q->id };
    my $created = sql_date($t->{Created}, "$what Created") // fail "$what: no Created";
    my @history = @{ $txns_of{$tid} // [] };

    # What the simulator derives when the file leaves it out.
    my $time_worked = $t->{TimeWorked};
    if (!defined $time_worked) {
        $time_worked = 0;
        $time_worked += $_->{TimeTaken} // 0 for @history;
    }
    my $updated = sql_date($t->{LastUpdated}, "$what LastUpdated");
    if (!defined $updated) {
        $updated = $created;
        for (@history) {
            my $c = sql_date($_->{Created}, "transaction $_->{id}");
            $updated = $c if $c gt $updated;
        }
    }
    my $creator = user_ref($t->{Creator} // 'root', "$what Creator");
    my $owner_name = $t->{Owner} // 'Nobody';
    my $owner = user_ref($owner_name, "$what Owner");

    my $ticket = RT::Ticket->new(RT->SystemUser);
    my ($id, undef, $msg) = $ticket->Create(
        Queue              => $queue_id{$qname},
        Type               => 'ticket',
        Subject            => $t->{Subject} // '',
        Status             => 'new',
        Owner              => $owner,
        Requestor          => [ map { user_ref($_, "$what Requestors") } @{ $t->{Requestors} // [] } ],
        Cc                 => [ map { user_ref($_, "$what Cc") } @{ $t->{Cc} // [] } ],
        AdminCc            => [ map { user_ref($_, "$what AdminCc") } @{ $t->{AdminCc} // [] } ],
        Creator            => $creator,
        Created            => $created,
        _RecordTransaction => 0,
    );
    fail "$what: $msg" unless $id;
    fail "$what: RT gave id $id (tickets must be numbered 1, 2, 3, ... on a fresh RT)" unless $id == $tid;
    fail "$what: RT would not make $owner_name the owner ($msg)" unless $ticket->Owner == $owner;

    # Every column exactly as the scenario has it.
    my %col = (
        EffectiveId     => $tid,
        Queue           => $queue_id{$qname},
        Type            => 'ticket',
        Owner           => $owner,
        Subject         => $t->{Subject} // '',
        InitialPriority => $t->{InitialPriority} // 0,
        FinalPriority   => $t->{FinalPriority} // 0,
        Priority        => $t->{Priority} // 0,
        TimeEstimated   => $t->{TimeEstimated} // 0,
        TimeWorked      => $time_worked,
        TimeLeft        => $t->{TimeLeft} // 0,
        Status          => $t->{Status} // 'new',
        SLA             => $t->{SLA},
        Told            => sql_date($t->{Told}, "$what Told"),    # NULL while unset, as in RT
        Starts          => sql_date($t->{Starts}, "$what Starts") // $UNSET,
        Started         => sql_date($t->{Started}, "$what Started") // $UNSET,
        Due             => sql_date($t->{Due}, "$what Due") // $UNSET,
        Resolved        => sql_date($t->{Resolved}, "$what Resolved") // $UNSET,
        LastUpdatedBy   => user_ref($t->{LastUpdatedBy} // ($t->{Creator} // 'root'), "$what LastUpdatedBy"),
        LastUpdated     => $updated,
        Creator         => $creator,
        Created         => $created,
    );
    my $lifecycle = $ticket->LifecycleObj;
    fail "$what: status '$col{Status}' is not in RT's lifecycle " . $lifecycle->Name
      unless $lifecycle->IsValid($col{Status});
    my @cols = sort keys %col;
    do_sql("UPDATE Tickets SET " . join(', ', map { "$_ = ?" } @cols) . " WHERE id = ?",
        @col{@cols}, $tid);

    # The role groups RT made for the ticket carry the ticket's times too.
    do_sql("UPDATE Groups SET Created = ?, LastUpdated = ?, Creator = ?, LastUpdatedBy = ?"
        . " WHERE Domain = 'RT::Ticket-Role' AND Instance = ?", $created, $created, $creator, $creator, $tid);

    # Custom field values: one row per value a transaction set, with the
    # transaction's NewReference as id; a value a later transaction replaced
    # is disabled, as RT keeps it.
    my %final;    # cf id => [values]
    for my $cfname (sort keys %{ $t->{CustomFields} // {} }) {
        fail "$what: no custom field '$cfname'" unless $cf_id{$cfname};
        my $v = $t->{CustomFields}{$cfname};
        $final{ $cf_id{$cfname} } = [ ref $v ? @$v : defined $v ? ($v) : () ];
    }
    my (@rows, %replaced);
    for my $x (@history) {
        next unless ($x->{Type} // '') eq 'CustomField';
        $replaced{ $x->{OldReference} } = 1 if $x->{OldReference};
        next unless $x->{NewReference};
        push @rows, {
            id => $x->{NewReference}, cf => $x->{Field}, content => $x->{NewValue},
            creator => user_ref($x->{Creator}, "transaction $x->{id}"),
            created => sql_date($x->{Created}, "transaction $x->{id}"),
        };
    }
    my %left = map { $_ => [ @{ $final{$_} } ] } keys %final;
    for my $row (@rows) {
        my $want = $left{ $row->{cf} } // [];
        my ($i) = grep { $want->[$_] eq ($row->{content} // '') } 0 .. $#$want;
        # Enabled if it is a final value nobody replaced; otherwise history.
        if (defined $i && !$replaced{ $row->{id} }) {
            splice @$want, $i, 1;
            $row->{disabled} = 0;
        } else {
            $row->{disabled} = 1;
        }
    }
    for my $cf (sort { $a <=> $b } keys %left) {
        for my $value (@{ $left{$cf} }) {
            push @rows, { id => undef, cf => $cf, content => $value, creator => $creator,
                created => $created, disabled => 0 };
        }
    }
    for my $row (@rows) {
        do_sql("INSERT INTO ObjectCustomFieldValues (id, CustomField, ObjectType, ObjectId, SortOrder,"
            . " Content, Creator, Created, LastUpdatedBy, LastUpdated, Disabled)"
            . " VALUES (?, ?, 'RT::Ticket', ?, 0, ?, ?, ?, ?, ?, ?)",
            $row->{id}, $row->{cf}, $tid, $row->{content}, $row->{creator}, $row->{created},
            $row->{creator}, $row->{created}, $row->{disabled});
    }
    $ticket_seen{$tid} = 1;
}
note "tickets: " . scalar(@tickets);

for my $x (@txns) {
    fail "transaction $x->{id}: no ticket " . ($x->{Ticket} // '(none)')
      unless $x->{Ticket} && $ticket_seen{ $x->{Ticket} };
}

# ------------------------------------------------------------------ transactions

# Nothing above may have recorded a ticket transaction.
my ($stray) = $dbh->selectrow_array("SELECT COUNT(*) FROM Transactions WHERE ObjectType = 'RT::Ticket'");
fail "RT recorded $stray ticket transactions of its own while loading" if $stray;

# The history RT wrote for its initial data and for the records made above
# (users, groups, queues, role groups created) is not the scenario's: a
# scenario's only history is its tickets'. Removing it frees the scenario's
# transaction ids, and RT's next transaction gets the id the simulator's
# does.
{
    my ($attached) = $dbh->selectrow_array(
        "SELECT COUNT(*) FROM Attachments a JOIN Transactions t ON t.id = a.TransactionId");
    fail "RT's own transactions carry $attached attachments" if $attached;
    my $n = do_sql("DELETE FROM Transactions");
    note "removed RT's own " . ($n + 0) . " transactions (history of its initial data and of the load)";
}

# The content of every CF value row, to check the references below.
my %ocfv_content = map { $_->[0] => $_->[1] }
  @{ $dbh->selectall_arrayref("SELECT id, Content FROM ObjectCustomFieldValues") };

for my $x (@txns) {
    my $what = "transaction $x->{id}";
    my $type = $x->{Type} // fail "$what: no Type";
    my $ref = ($x->{OldReference} || $x->{NewReference}) ? 'RT::ObjectCustomFieldValue' : undef;
    my ($old, $new) = ($x->{OldValue}, $x->{NewValue});
    # RT records a CF change by its value rows only (OldValue and NewValue
    # stay NULL) and reads the values from them.
    for ([OldReference => \$old, 'OldValue'], [NewReference => \$new, 'NewValue']) {
        my ($member, $value, $name) = @$_;
        my $id = $x->{$member} or next;
        fail "$what: $member $id is no custom field value of the scenario" unless exists $ocfv_content{$id};
        fail "$what: $name '" . ($$value // '(null)') . "' but value $id holds '"
          . ($ocfv_content{$id} // '') . "': RT reads the value from the reference"
          unless ($$value // '') eq ($ocfv_content{$id} // '');
        $$value = undef;
    }
    do_sql("INSERT INTO Transactions (id, ObjectType, ObjectId, TimeTaken, Type, Field, OldValue,"
        . " NewValue, ReferenceType, OldReference, NewReference, Data, Creator, Created)"
        . " VALUES (?, 'RT::Ticket', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        $x->{id}, $x->{Ticket}, $x->{TimeTaken} // 0, $type, $x->{Field}, $old,
        $new, $ref, $x->{OldReference} || undef, $x->{NewReference} || undef,
        $x->{Data}, user_ref($x->{Creator}, "$what Creator"),
        sql_date($x->{Created}, "$what Created") // fail "$what: no Created");
}
note "transactions: " . scalar(@txns) . ($last_txn_id ? " (ids up to $last_txn_id)" : '');

# ------------------------------------------------------------------ queue SLA, disabled

for my $name (sort keys %queue_sla_disabled) {
    do_sql("UPDATE Queues SET SLADisabled = ?, Disabled = ? WHERE id = ?",
        $queue_sla_disabled{$name}, $queue_disabled{$name}, $queue_id{$name});
}

# ------------------------------------------------------------------ tokens

sub write_secret {
    my ($path, $secret) = @_;
    open my $fh, '>', "$path.tmp" or fail "cannot write $path: $!";
    print {$fh} "$secret\n";
    close $fh or fail "cannot write $path: $!";
    chmod 0600, "$path.tmp";
    rename "$path.tmp", $path or fail "cannot rename $path: $!";
}

mkdir "$dir/tokens", 0700 unless -d "$dir/tokens";
my $viewer_done = 0;
for my $u (@{ $scenario->{users} // [] }) {
    my $name = $u->{Name};
    next if bool($u->{Disabled});
    my ($id, $msg, $auth) = RT::AuthToken->new(RT->SystemUser)->Create(
        Owner => $user_id{$name}, Description => 'csm-test');
    fail "token for $name: $msg" unless $id;
    (my $file = $name) =~ s/\@.*//;
    write_secret("$dir/tokens/$file", $auth);
    if (!$viewer_done && $access_of{$name} eq 'viewer') {
        write_secret("$dir/viewer-token", $auth);
        $viewer_done = 1;
    }
}
# ------------------------------------------------------------------ record times

apply_stamp(@$_) for @stamps;
note "done";
exit 0;
