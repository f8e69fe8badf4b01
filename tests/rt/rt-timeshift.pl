#!/usr/bin/perl
# Moves every timestamp of a copied template DB (and its seed.json) forward
# by N seconds, so a helpdesk seeded hours ago looks as if it was seeded just
# now: "created in the last hour", SLA deadlines that are not breached yet
# (gold Response = created + 4 h) and the deliberately breached ticket all
# keep the same relation to the wall clock as after a cold seed.
#
# Limit: deadlines RT computed in business hours are shifted, not
# recomputed, so they may fall outside 09:00-17:00 after the shift.
#
#   rt-timeshift.pl DB SEED_JSON SECONDS
use strict;
use warnings;
use DBI;
use JSON::PP;
use POSIX qw(strftime);
use Time::Local qw(timegm);

my ($db, $seed, $shift) = @ARGV;
die "usage: $0 DB SEED_JSON SECONDS\n" unless defined $shift && $shift =~ /^\d+$/ && -f $db;
exit 0 if $shift == 0;

my $dbh = DBI->connect("dbi:SQLite:dbname=$db", '', '',
    { RaiseError => 1, AutoCommit => 0, PrintError => 0 });

# Unset dates are stored as 1970-01-01 00:00:00 and must stay "unset".
my $mod = "'+$shift seconds'";
for my $table (map { $_->[0] } @{ $dbh->selectall_arrayref(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") }) {
    my @cols = map { $_->[1] }
        grep { ($_->[2] // '') =~ /date|time/i }
        @{ $dbh->selectall_arrayref("PRAGMA table_info(\"$table\")") };
    for my $c (@cols) {
        $dbh->do(qq{UPDATE "$table" SET "$c" = datetime("$c", $mod) WHERE "$c" > '1971-01-01'});
    }
}
# Set transactions for date fields keep old/new values as SQL datetimes.
for my $c (qw(OldValue NewValue)) {
    $dbh->do(qq{UPDATE Transactions SET $c = datetime($c, $mod)
                WHERE Type = 'Set' AND Field IN ('Due','Starts','Started','Resolved','Told')
                  AND $c GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] *' AND $c > '1971-01-01'});
}
$dbh->commit;
$dbh->disconnect;

exit 0 unless -f $seed;
my $json = JSON::PP->new->canonical->pretty;
my $data = do { local $/; open my $fh, '<', $seed or die "$seed: $!\n"; $json->decode(<$fh>) };

sub shift_stamp {
    my $v = shift;
    return $v unless defined $v && !ref $v;
    my ($y, $m, $d, $sep, $H, $M, $S, $tail) =
        $v =~ /^(\d{4})-(\d\d)-(\d\d)([T ])(\d\d):(\d\d):(\d\d)(.*)$/ or return $v;
    return $v if $y < 1971;
    my $t = timegm($S, $M, $H, $d, $m - 1, $y) + $shift;
    return strftime("%Y-%m-%d$sep%H:%M:%S", gmtime $t) . $tail;
}
$data->{seeded_at} = shift_stamp($data->{seeded_at});
for my $t (@{ $data->{ticket_list} || [] }) {
    $t->{$_} = shift_stamp($t->{$_}) for qw(Created Due);
}
$data->{template_shifted_seconds} = 0 + $shift;
open my $out, '>', "$seed.tmp" or die "$seed: $!\n";
print {$out} $json->encode($data);
close $out;
rename "$seed.tmp", $seed or die "$seed: $!\n";
